using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Packs;

/// <summary>A judged scan not yet reported: the code and command, when, what was read, and the judgement.</summary>
public sealed record JudgedScan(string Code, PackCommand Command, DateTimeOffset Now, PackIdentity? Parsed, Judgement Judgement);
