using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Tests.Alerts;

public class AlertTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private static readonly Alert Base = new()
    {
        Kind = AlertKind.UnknownSerial,
        Severity = Severity.Critical,
        Message = "m",
        Action = PackAction.Verify,
        ScannedCode = "(01)09506000134352(21)aBc123",
        ScannedGtin = "09506000134352",
        ScannedSerial = "aBc123",
        ScanningParty = "4055555000003",
        RaisedAt = Now,
        LastSeenAt = Now,
    };

    [Fact]
    public void The_key_is_the_scanned_pack_kind_and_party()
    {
        Assert.Equal("09506000134352|aBc123|UnknownSerial|4055555000003", Base.DedupeKey);
    }

    [Fact]
    public void The_concerned_pack_wins_over_what_was_scanned()
    {
        // Two different garblings of the same genuine pack are one probable scanning error.
        var first = Base with { PackGtin = "09506000134352", PackSerial = "AbC123", ProbableScanningError = true };
        var second = first with { ScannedCode = "]d20109506000134352\u001d21aBc123", ScannedSerial = "aBc123x" };

        Assert.Equal("09506000134352|AbC123|UnknownSerial|4055555000003|scanning-error", first.DedupeKey);
        Assert.Equal(first.DedupeKey, second.DedupeKey);
    }

    [Fact]
    public void A_probable_scanning_error_is_not_folded_with_a_real_alert_on_the_same_pack()
    {
        // Otherwise a forged label scanned after a garbled scan of the same pack would only raise the
        // count of a low-severity scanning error, and never reach the regulator as critical.
        var real = Base with { Kind = AlertKind.LotMismatch, PackGtin = "09506000134352", PackSerial = "123456" };
        var scanningError = real with { ProbableScanningError = true, Severity = Severity.Low };

        Assert.NotEqual(real.DedupeKey, scanningError.DedupeKey);
    }

    [Fact]
    public void An_unreadable_code_is_keyed_by_the_code_itself()
    {
        var unreadable = Base with { ScannedGtin = null, ScannedSerial = null, ScannedCode = "garbage" };

        Assert.Equal("|garbage|UnknownSerial|4055555000003", unreadable.DedupeKey);
    }

    [Fact]
    public void Kind_and_party_separate_alerts_but_time_status_and_count_do_not()
    {
        Assert.NotEqual(Base.DedupeKey, (Base with { Kind = AlertKind.UnknownLot }).DedupeKey);
        Assert.NotEqual(Base.DedupeKey, (Base with { ScanningParty = "4055555000010" }).DedupeKey);
        Assert.NotEqual(Base.DedupeKey, (Base with { ScannedSerial = "other" }).DedupeKey);
        Assert.Equal(Base.DedupeKey, (Base with
        {
            Id = 9, Count = 5, LastSeenAt = Now.AddHours(3), Status = AlertStatus.Investigating, Message = "other", Severity = Severity.Low,
        }).DedupeKey);
    }

    [Fact]
    public void A_new_alert_is_open_once_at_version_zero()
    {
        Assert.Equal((AlertStatus.Open, 1, 0, null), (Base.Status, Base.Count, Base.Version, Base.Resolution));
        Assert.Empty(Base.History);
    }

    [Fact]
    public void The_key_names_the_pack_the_alert_concerns_before_what_was_scanned()
    {
        var onPack = Base with { PackGtin = "04012345000016", PackSerial = "P1" };
        Assert.Equal("04012345000016|P1|UnknownSerial|4055555000003", onPack.DedupeKey);
        var audit = Base with { ScannedCode = "", ScannedGtin = null, ScannedSerial = null, PackGtin = "04012345000016", PackSerial = "P1" };
        Assert.Equal("04012345000016|P1|UnknownSerial|4055555000003", audit.DedupeKey);
    }
}
