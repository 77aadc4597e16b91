using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

/// <summary>A small world for the rule tests: parties with names, one pack of one lot, and helpers.</summary>
internal static class RuleFacts
{
    public const string Gtin = "09506000134352";
    public const string Product = "Paracetamol 500 mg";

    public static readonly Party Maker = new("4012345000009", "Acme Pharma", PartyRole.Manufacturer);
    public static readonly Party Wholesaler = new("4098765000001", "Big Wholesale", PartyRole.Wholesaler);
    public static readonly Party OtherWholesaler = new("4098765000018", "Other Wholesale", PartyRole.Wholesaler);
    public static readonly Party Pharmacy = new("4055555000003", "Corner Pharmacy", PartyRole.Pharmacy);
    public static readonly Party OtherPharmacy = new("4055555000010", "High Street Pharmacy", PartyRole.Pharmacy);
    public static readonly Party Regulator = new("4000000000009", "Medicines Agency", PartyRole.Regulator);

    private static readonly Party[] All = [Maker, Wholesaler, OtherWholesaler, Pharmacy, OtherPharmacy, Regulator];

    public static readonly DateOnly Expiry = new(2027, 6, 30);
    public static readonly DateTimeOffset Changed = new(2026, 1, 5, 8, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    public static readonly LotState Lot = new(Gtin, "LOT42", Expiry, Maker.Gln, new ChainHead(0, Hash256.Zero));
    public static readonly LotState RecalledLot = Lot with { RecalledAt = Now.AddDays(-1), RecallReason = "contamination" };

    public static readonly PackAction[] AllActions = Enum.GetValues<PackAction>();

    /// <summary>Names parties as the messages should: by their registered name.</summary>
    public static string Name(string? gln) => All.FirstOrDefault(p => p.Gln == gln)?.Name ?? gln ?? "";

    public static PackState Pack(PackStatus status, Party custodian, Party? shipTo = null, Party? changedBy = null, DateTimeOffset? changedAt = null) => new()
    {
        Gtin = Gtin,
        Serial = "SN1",
        Lot = "LOT42",
        Expiry = Expiry,
        Status = status,
        Custodian = custodian.Gln,
        ShipTo = shipTo?.Gln,
        ChangedBy = (changedBy ?? custodian).Gln,
        ChangedAt = changedAt ?? Changed,
        Head = new ChainHead(3, Hash256.Zero),
    };

    public static PackIdentity Scanned(string serial = "SN1", string? lot = "LOT42", DateOnly? expiry = null, bool noExpiry = false) =>
        new(global::DrugTrace.Domain.Gs1.Gtin.Parse(Gtin), serial, lot, noExpiry ? null : expiry ?? Expiry);

    /// <summary>A scan of a genuine pack, as labelled.</summary>
    public static ScanFacts Facts(PackAction action, Party? actor, PackState? pack, LotState? lot = null, DateTimeOffset? now = null) => new()
    {
        Action = action,
        Actor = actor,
        Now = now ?? Now,
        Scanned = Scanned(),
        ProductName = Product,
        Pack = pack,
        Lot = pack is null ? null : lot ?? Lot,
        Name = Name,
    };

    /// <summary>Asserts a finding of <paramref name="kind"/> with the table's severity and EU code; returns its message.</summary>
    public static string AssertFinding(Finding? finding, AlertKind kind, Severity severity, string? euCode)
    {
        Assert.NotNull(finding);
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(euCode, AlertCatalog.EuReasonCode(finding.Kind));
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        return finding.Message;
    }
}
