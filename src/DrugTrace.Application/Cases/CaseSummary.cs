namespace DrugTrace.Application.Cases;

/// <summary>The case a scan moved (or tried to): its SSCC and how many packs and inner cases it holds.</summary>
public sealed record CaseSummary(string Sscc, int Packs, int Cases);
