using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

/// <summary>The triage on its own; how scans use it is in Alerts/ScanningErrorTriageTests.</summary>
public class ScanningErrorTriageTests
{
    private readonly TestWorld _world = new();

    private ScanningErrorTriage Triage() => new(new ScanFactsReader(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties)));

    private Task Commission(params string[] serials) =>
        _world.CommissionAsync("LOT42", serials.Length, serials: new QueueSerialGenerator(serials));

    [Fact]
    public async Task A_Caps_Lock_code_is_a_scanning_error_about_the_genuine_pack()
    {
        await Commission("AbC123");

        var judgement = await Triage().TryAsync(Pharmacy, Code("aBc123", lot: "lot42"), null, AlertKind.UnknownSerial, Start, default);

        Assert.NotNull(judgement);
        Assert.True(judgement.ProbableScanningError);
        Assert.Equal((Gtin, "AbC123", Maker.Gln), (judgement.PackGtin, judgement.PackSerial, judgement.BrandOwner));
        var finding = Assert.Single(judgement.Findings);
        Assert.Equal(AlertKind.UnknownSerial, finding.Kind);
        Assert.StartsWith("Probable scanning error:", judgement.Outcome.Message);
        Assert.Equal("AbC123", judgement.Outcome.Pack?.Serial);
    }

    [Fact]
    public async Task No_genuine_pack_behind_the_code_is_no_scanning_error()
    {
        await Commission("AbC123");

        Assert.Null(await Triage().TryAsync(Pharmacy, Code("ZZZ999"), null, AlertKind.UnknownSerial, Start, default));
    }

    [Fact]
    public async Task Two_genuine_packs_that_fit_are_no_safe_guess()
    {
        // "Ab1Z" could be Caps Lock of "aB1z" or a QWERTZ swap of "Ab1Y": both exist (in a lot without letters).
        await _world.CommissionAsync("4242", 2, serials: new QueueSerialGenerator("aB1z", "Ab1Y"));

        Assert.Null(await Triage().TryAsync(Pharmacy, Code("Ab1Z", lot: "4242"), null, AlertKind.UnknownSerial, Start, default));
    }

    [Fact]
    public async Task Two_corrections_that_lead_to_the_same_genuine_pack_are_explained_by_the_first()
    {
        await Commission("S1");
        // As read, "s1" is unknown and the internal field (91) runs on to the end. Caps Lock alone gives S1 with no lot;
        // Caps Lock and a separator lost before "10" give S1 of lot LOT42: the same pack, found first by Caps Lock.
        var code = $"01{Gtin}21s1\u001d91abc10lot42";

        var judgement = await Triage().TryAsync(Pharmacy, code, null, AlertKind.UnknownSerial, Start, default);

        Assert.NotNull(judgement);
        Assert.Equal((Gtin, "S1"), (judgement.PackGtin, judgement.PackSerial));
        Assert.StartsWith($"Probable scanning error: {Domain.Gs1.ScanCorrections.Explain(Domain.Gs1.ScanCorrection.CapsLock)}. ", judgement.Outcome.Message);
    }

    [Theory]
    [InlineData(AlertKind.UnknownSerial, true)]
    [InlineData(AlertKind.LotMismatch, true)]
    [InlineData(AlertKind.ExpiryMismatch, true)]
    [InlineData(AlertKind.UnknownProduct, false)]
    [InlineData(AlertKind.UnknownLot, false)]
    public void Only_what_a_scanner_can_cause_is_triaged(AlertKind kind, bool triaged) =>
        Assert.Equal(triaged, ScanningErrorTriage.Applies([new Finding(kind, "x")]));
}
