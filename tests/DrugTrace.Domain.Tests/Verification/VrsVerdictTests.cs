using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Verification;

namespace DrugTrace.Domain.Tests.Verification;

public sealed class VrsVerdictTests
{
    private static readonly DateOnly Expiry = new(2027, 6, 30);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static PackState Pack(PackStatus status) => new()
    {
        Gtin = "09506000134352", Serial = "S1", Lot = "L1", Expiry = Expiry, Status = status, Custodian = "4012345000016",
        ChangedBy = "4012345000016", ChangedAt = Now, Head = new ChainHead(0, Hash256.Zero),
    };

    private static LotState Lot(bool recalled = false) =>
        new("09506000134352", "L1", Expiry, "4012345000016", new ChainHead(0, Hash256.Zero), recalled ? Now : null, recalled ? "why" : null);

    [Fact]
    public void Identifiers_that_do_not_match_say_which_ones()
    {
        Assert.Equal(new VrsVerdict(false, "No_match_GTIN_Serial", null), VrsVerdict.Decide(null, null, "L1", Expiry, Now));
        Assert.Equal("No_match_GTIN_Serial_Lot", VrsVerdict.Decide(Pack(PackStatus.Active), Lot(), "L2", Expiry, Now).FailureReason);
        Assert.Equal("No_match_GTIN_Serial_Expiry", VrsVerdict.Decide(Pack(PackStatus.Active), Lot(), "L1", Expiry.AddDays(1), Now).FailureReason);
        Assert.Equal("No_match_GTIN_Serial_Lot_Expiry", VrsVerdict.Decide(Pack(PackStatus.Active), Lot(), "l1", Expiry.AddDays(1), Now).FailureReason);
    }

    [Theory]
    [InlineData(PackStatus.Active, true, null, null)]
    [InlineData(PackStatus.InTransit, true, null, null)]
    [InlineData(PackStatus.Dispensed, false, "Not_for_re-distribution", null)]
    [InlineData(PackStatus.Destroyed, false, "Not_for_re-distribution", null)]
    [InlineData(PackStatus.Sample, false, "Not_for_re-distribution", null)]
    [InlineData(PackStatus.FreeSample, false, "Not_for_re-distribution", null)]
    [InlineData(PackStatus.Exported, false, "Not_for_re-distribution", null)]
    [InlineData(PackStatus.Locked, false, "No_reason_provided", null)]
    [InlineData(PackStatus.Quarantined, true, null, "Suspect")]
    [InlineData(PackStatus.Stolen, true, null, "Illegitimate")]
    [InlineData(PackStatus.Illegitimate, true, null, "Illegitimate")]
    public void Every_status_of_a_matching_pack_has_its_answer(PackStatus status, bool verified, string? reason, string? info) =>
        Assert.Equal(new VrsVerdict(verified, reason, info), VrsVerdict.Decide(Pack(status), Lot(), "L1", Expiry, Now));

    [Fact]
    public void Recalled_and_expired_are_warnings_on_a_verified_pack()
    {
        Assert.Equal(new VrsVerdict(true, null, "Recalled"), VrsVerdict.Decide(Pack(PackStatus.Active), Lot(recalled: true), "L1", Expiry, Now));
        Assert.Equal(new VrsVerdict(true, null, "Expired"), VrsVerdict.Decide(Pack(PackStatus.Active), Lot(), "L1", Expiry, new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        // The last day of validity is not expired yet.
        Assert.Null(VrsVerdict.Decide(Pack(PackStatus.Active), Lot(), "L1", Expiry, new DateTimeOffset(2027, 6, 30, 23, 0, 0, TimeSpan.Zero)).AdditionalInfo);
        // A dispensed pack of a recalled lot: not for redistribution, and why it matters.
        Assert.Equal(new VrsVerdict(false, "Not_for_re-distribution", "Recalled"), VrsVerdict.Decide(Pack(PackStatus.Dispensed), Lot(recalled: true), "L1", Expiry, Now));
    }
    [Fact]
    public void A_lot_or_expiry_mismatch_is_not_verified()
    {
        Assert.Equal(new VrsVerdict(false, "No_match_GTIN_Serial_Lot", null), VrsVerdict.Decide(Pack(PackStatus.Active), Lot(), "L2", Expiry, Now));
    }
}
