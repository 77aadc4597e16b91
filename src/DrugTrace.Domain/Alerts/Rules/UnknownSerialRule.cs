using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>The product is known but this serial was never commissioned for it.</summary>
public static class UnknownSerialRule
{
    public static Finding? Check(ScanFacts f) =>
        f.Scanned is { } scanned && f.ProductName is { } product && f.Pack is null
            ? new Finding(AlertKind.UnknownSerial, $"{product}: serial {scanned.Serial} was never commissioned. This pack may be falsified.")
            : null;
}
