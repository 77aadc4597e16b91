using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>A genuine serial printed with another lot: the label was not printed by the manufacturer.</summary>
public static class LotMismatchRule
{
    public static Finding? Check(ScanFacts f) =>
        f is { Scanned.Lot: { } lot, Pack: { } pack } && lot != pack.Lot
            ? new Finding(AlertKind.LotMismatch, $"The label says lot {lot}, but this pack was made in lot {pack.Lot}.")
            : null;
}
