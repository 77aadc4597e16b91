using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>The GTIN is not a registered product: nobody makes this medicine under that code.</summary>
public static class UnknownProductRule
{
    public static Finding? Check(ScanFacts f) =>
        f.Scanned is { } scanned && f.ProductName is null
            ? new Finding(AlertKind.UnknownProduct, $"GTIN {scanned.Gtin.Value} is not a registered product. This pack may be falsified.")
            : null;
}
