namespace DrugTrace.Domain.Ledger;

/// <summary>Which chain an event belongs to: a pack's (GTIN + serial), a lot's (GTIN + lot) or a case's (SSCC).</summary>
public enum StreamKind
{
    Pack,
    Lot,
    /// <summary>A case's or pallet's own chain, keyed by its SSCC (its GTIN is empty).</summary>
    Case,
}
