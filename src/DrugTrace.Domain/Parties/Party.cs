namespace DrugTrace.Domain.Parties;

/// <summary>A trading partner or authority, identified by its GLN.</summary>
public sealed record Party(string Gln, string Name, PartyRole Role);
