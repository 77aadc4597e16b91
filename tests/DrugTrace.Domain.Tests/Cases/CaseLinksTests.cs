using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Tests.Cases;

/// <summary>The audit's parent/child agreement: each way a child can disagree with its case, in its words.</summary>
public class CaseLinksTests
{
    private const string Holder = "4098765000001";
    private const string Recipient = "4055555000003";
    private const string CaseSscc = "340987650000000013";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private static readonly CaseState Case = new()
    {
        Sscc = CaseSscc, Status = CaseStatus.Active, Custodian = Holder, PackedBy = Holder, PackedAt = Now,
        ChangedBy = Holder, ChangedAt = Now, Head = new ChainHead(0, Hash256.Zero),
    };

    private static readonly PackState Pack = new()
    {
        Gtin = "09506000134352", Serial = "SN1", Lot = "LOT42", Expiry = new DateOnly(2027, 6, 30), Status = PackStatus.Active,
        Custodian = Holder, ChangedBy = Holder, ChangedAt = Now, Head = new ChainHead(3, Hash256.Zero), Parent = CaseSscc,
    };

    private static IEnumerable<string> Problems(CaseState? parent, PackState child) =>
        CaseLinks.Check(parent is null ? [] : [parent], [child]).Select(v => v.Problem);

    [Fact]
    public void A_child_that_agrees_with_its_case_is_not_named()
    {
        Assert.Empty(Problems(Case, Pack));
    }

    [Fact]
    public void A_case_without_a_chain_is_named_once()
    {
        Assert.Equal([$"field parent: case {CaseSscc} has no chain"], Problems(null, Pack));
    }

    [Fact]
    public void An_unpacked_case_is_named_once_whatever_else_differs()
    {
        Assert.Equal([$"field parent: case {CaseSscc} was unpacked"],
            Problems(Case with { Status = CaseStatus.Unpacked }, Pack with { Custodian = Recipient, ShipTo = Recipient }));
    }

    [Fact]
    public void A_child_out_of_the_supply_chain_or_elsewhere_is_named_with_both_sides()
    {
        Assert.Equal([$"field status: it is no longer in the supply chain, but still packed in case {CaseSscc}"],
            Problems(Case, Pack with { Status = PackStatus.Dispensed }));
        Assert.Equal([$"field status: it is InTransit, its case {CaseSscc} is Active", $"field shipTo: it goes to {Recipient}, its case {CaseSscc} to none"],
            Problems(Case, Pack with { Status = PackStatus.InTransit, ShipTo = Recipient }));
        Assert.Equal([$"field status: it is Active, its case {CaseSscc} is InTransit", $"field shipTo: it goes to none, its case {CaseSscc} to {Recipient}"],
            Problems(Case with { Status = CaseStatus.InTransit, ShipTo = Recipient }, Pack));
    }

    [Fact]
    public void A_case_in_a_pallet_is_checked_as_a_child_and_an_unpacked_one_is_out_of_the_supply_chain()
    {
        const string palletSscc = "340987650000000020";
        var pallet = Case with { Sscc = palletSscc };
        var inPallet = Case with { Parent = palletSscc };
        Assert.Empty(CaseLinks.Check([pallet, inPallet], [Pack]));

        var unpacked = inPallet with { Status = CaseStatus.Unpacked, Head = new ChainHead(4, Hash256.Zero) };
        Assert.Equal([new AuditViolation(StreamKind.Case, "", CaseSscc, 4, 0, $"field status: it is no longer in the supply chain, but still packed in case {palletSscc}")],
            CaseLinks.Check([pallet, unpacked], []));
    }

    [Fact]
    public void A_case_that_holds_nothing_is_named()
    {
        Assert.Equal([new AuditViolation(StreamKind.Case, "", CaseSscc, 0, 0, "the case holds nothing: no pack or case names it as its parent")],
            CaseLinks.Check([Case], []));
    }
}
