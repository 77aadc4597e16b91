namespace DrugTrace.Domain.Gs1;

/// <summary>A reading of a garbled scan, and how it was garbled.</summary>
public sealed record CorrectedScan(PackIdentity Pack, ScanCorrection Correction);
