using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Cases;

/// <summary>A case or pallet and what is in it, for a party involved with it (its holder, recipient or packer) or a regulator.</summary>
public sealed record CaseView(
    string Sscc,
    string Status,
    string Custodian,
    string? ShipTo,
    string? Parent,
    string PackedBy,
    DateTimeOffset PackedAt,
    int PackCount,
    IReadOnlyList<CasePackView> Packs,
    IReadOnlyList<CaseView> Cases)
{
    public static CaseView Of(CaseContents contents) => new(
        contents.Case.Sscc, contents.Case.Status.ToString(), contents.Case.Custodian, contents.Case.ShipTo, contents.Case.Parent,
        contents.Case.PackedBy, contents.Case.PackedAt, contents.PackCount,
        [.. contents.Packs.Select(p => CasePackView.Of(p.Pack, p.Lot))],
        [.. contents.Cases.Select(Of)]);
}

/// <summary>A pack inside a case.</summary>
public sealed record CasePackView(string Gtin, string Serial, string Lot, DateOnly Expiry, string Status)
{
    public static CasePackView Of(PackState pack, LotState lot) => new(pack.Gtin, pack.Serial, pack.Lot, pack.Expiry, PackLifecycle.EffectiveStatus(pack, lot));
}
