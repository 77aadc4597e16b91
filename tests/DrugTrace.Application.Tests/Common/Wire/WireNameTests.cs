using System.Text.Json;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Tests.Common.Wire;

public class WireNameTests
{
    [Theory]
    [InlineData(PackAction.UndoDispense, "undo-dispense")]
    [InlineData(PackAction.ConfirmIllegitimate, "confirm-illegitimate")]
    [InlineData(PackAction.Verify, "verify")]
    public void Action_names_are_kebab_case_words(PackAction action, string word) =>
        Assert.Equal(word, new WireName<PackAction>(action).Name);

    [Fact]
    public void Verdicts_and_statuses_keep_todays_words()
    {
        Assert.Equal(["ok", "alert", "refused", "warning"], WireNames.All<ScanVerdict>().Select(n => n.Name));
        Assert.Equal(["open", "investigating", "closed"], WireNames.All<AlertStatus>().Select(n => n.Name));
    }

    [Fact]
    public void Words_parse_back_whatever_their_case_and_others_do_not()
    {
        Assert.True(WireNames.TryParse<AlertStatus>(" Investigating ", out var status));
        Assert.Equal(AlertStatus.Investigating, status.Value);
        Assert.False(WireNames.TryParse<AlertStatus>("1", out _));
        Assert.False(WireNames.TryParse<AlertStatus>("Investigating,Closed", out _));
        Assert.False(WireNames.TryParse<AlertStatus>(null, out _));
        var e = Assert.Throws<FormatException>(() => WireNames.Parse<ScanVerdict>("maybe"));
        Assert.Contains("ok, alert, refused", e.Message);
    }

    [Fact]
    public void A_value_outside_the_enum_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WireName<ScanVerdict>((ScanVerdict)42));
    }

    [Fact]
    public void Typed_values_compare_with_the_enum_and_with_the_word()
    {
        WireName<ScanVerdict> verdict = ScanVerdict.Refused;
        Assert.True(verdict == ScanVerdict.Refused);
        Assert.True(verdict == "refused");
        Assert.False(verdict == ScanVerdict.Ok);
        Assert.Equal("refused", verdict.ToString());
    }

    [Fact]
    public void Json_writes_and_reads_the_word()
    {
        var outcome = new ScanOutcome(ScanVerdict.Alert, "m", null, [], null);

        var json = JsonSerializer.Serialize(outcome, JsonSerializerOptions.Web);

        Assert.Contains("\"verdict\":\"alert\"", json);
        Assert.Equal(ScanVerdict.Alert, JsonSerializer.Deserialize<ScanOutcome>(json, JsonSerializerOptions.Web)!.Verdict.Value);
        var unknown = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<WireName<ScanVerdict>>("\"maybe\""));
        Assert.Equal($"Expected one of: {string.Join(", ", Enum.GetValues<ScanVerdict>().Select(v => new WireName<ScanVerdict>(v).Name))}.", unknown.Message);
        Assert.StartsWith("Expected one of: ok, alert, ", unknown.Message);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<WireName<ScanVerdict>>("1"));
    }
}
