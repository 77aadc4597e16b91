using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>An unknown serial whose label names a lot that was never registered for this product either.</summary>
public static class UnknownLotRule
{
    public static Finding? Check(ScanFacts f) =>
        f.Scanned is { Lot: { } lot } && f.ProductName is { } product && f.Pack is null && !f.ScannedLotRegistered
            ? new Finding(AlertKind.UnknownLot, $"Lot {lot} was never registered for {product}.")
            : null;
}
