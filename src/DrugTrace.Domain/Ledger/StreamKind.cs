namespace DrugTrace.Domain.Ledger;

/// <summary>Which chain an event belongs to: a pack's (GTIN + serial) or a lot's (GTIN + lot).</summary>
public enum StreamKind
{
    Pack,
    Lot,
}
