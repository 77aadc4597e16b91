using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Verification;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Verification;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Verification;

/// <summary>VRS saleable-return verification: the request's checks in their words, the answer, and the scan it is run as.</summary>
public sealed class VerifyForVrsTests
{
    private const string Corr = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    private readonly TestWorld _world = new();
    private readonly ForwardingSender _sent;
    private readonly Mediator.ISender _sender;

    public VerifyForVrsTests()
    {
        (_sender, _sent) = ForwardingSender.Create((request, token) =>
            ForwardingSender.Reply(new VerifyPackHandler(_world.Handoffs(), ContextFor(Wholesaler)).Handle((VerifyPack)request, token)));
    }

    private static VerifyForVrs Request(string serial, string? lot = "LOT42", string? exp = "271231", string gtin = Gtin,
        string? linkType = VerifyForVrsHandler.LinkType, string? context = VerifyForVrsHandler.SaleableReturn, string? reqGln = null, string? corr = Corr) =>
        new(Wholesaler.Gln, gtin, lot, serial, exp, linkType, context, reqGln ?? Wholesaler.Gln, corr);

    private ValueTask<VrsAnswer> AskAsync(VerifyForVrs request) =>
        new VerifyForVrsHandler(_world.Catalog, _world.Ledger, _sender, ContextFor(Wholesaler), _world.Clock).Handle(request, default);

    private async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync(VerifyForVrs request) =>
        (await Assert.ThrowsAsync<ValidationException>(() => AskAsync(request).AsTask())).Errors;

    [Fact]
    public async Task A_matching_pack_is_verified_by_its_brand_owner_and_the_request_is_run_as_a_verify_scan()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        var scansBefore = _world.ScanLog.Scans.Count;

        var answer = await AskAsync(Request(serial));

        Assert.Equal(new VrsAnswer(_world.Clock.GetUtcNow(), Maker.Gln, new VrsData(true, null, null), Corr), answer);
        var sent = Assert.IsType<VerifyPack>(Assert.Single(_sent.Sent));
        Assert.Equal((Wholesaler.Gln, $"https://id.gs1.org/01/{Gtin}/10/LOT42/21/{serial}?17=271231"), (sent.ActorGln, sent.Code));
        var scan = Assert.Single(_world.ScanLog.Scans.Skip(scansBefore));
        Assert.Equal((Wholesaler.Gln, PackAction.Verify, serial), (scan.Actor, scan.Action.Value, scan.Serial));
    }

    [Fact]
    public async Task The_expiry_and_corrUUID_are_trimmed_and_a_day_zero_expiry_is_the_months_last_day()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        var answer = await AskAsync(Request(serial, exp: " 271200 ", corr: $" {Corr} "));
        Assert.Equal((true, Corr), (answer.Data.Verified, answer.CorrUUID));
    }

    [Fact]
    public async Task An_unknown_serial_is_not_verified_and_raises_the_scans_alert()
    {
        await _world.CommissionAsync("LOT42", 1);

        var answer = await AskAsync(Request("NOSUCHSERIAL"));

        Assert.Equal(new VrsData(false, VrsVerdict.NoMatchGtinSerial, null), answer.Data);
        Assert.Equal(Maker.Gln, answer.ResponderGLN);
        Assert.Contains(_world.Alerts.All, a => a.Kind == AlertKind.UnknownSerial && a.ScanningParty == Wholesaler.Gln);
    }

    [Fact]
    public async Task A_lot_or_expiry_that_does_not_match_is_named_as_the_failure()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        Assert.Equal(VrsVerdict.NoMatchGtinSerialLot, (await AskAsync(Request(serial, lot: "LOT99"))).Data.VerificationFailureReason);
        Assert.Equal(VrsVerdict.NoMatchGtinSerialExpiry, (await AskAsync(Request(serial, exp: "271130"))).Data.VerificationFailureReason);
    }

    [Fact]
    public async Task A_recalled_lot_is_verified_with_its_additional_information()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        await new RecallLotHandler(_world.Catalog, _world.Ledger, _world.RecallNotices, ContextFor(Maker), _world.Clock)
            .Handle(new RecallLot(Maker.Gln, Gtin, "LOT42", "Contamination", "Do not use."), default);

        var answer = await AskAsync(Request(serial));

        Assert.Equal(VrsVerdict.Recalled, answer.Data.AdditionalInfo);
    }

    [Fact]
    public async Task Without_a_corrUUID_a_new_one_is_given()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        var first = await AskAsync(Request(serial, corr: null));
        var second = await AskAsync(Request(serial, corr: "  "));
        Assert.True(Guid.TryParse(first.CorrUUID, out _));
        Assert.True(Guid.TryParse(second.CorrUUID, out _));
        Assert.NotEqual(first.CorrUUID, second.CorrUUID);
    }

    [Theory]
    [InlineData("verificationService")]
    [InlineData(" gs1:verificationService ")]
    [InlineData("https://gs1.org/voc/verificationService")]
    [InlineData("https://ref.gs1.org/voc/verificationService")]
    public async Task Each_spelling_of_the_link_type_is_accepted(string linkType)
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        Assert.True((await AskAsync(Request(serial, linkType: linkType))).Data.Verified);
    }

    [Fact]
    public async Task A_product_no_manufacturer_registered_is_not_answered_and_not_scanned()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => AskAsync(Request("SN1", gtin: UnregisteredGtin)).AsTask());
        Assert.Equal($"DrugTrace does not answer for GTIN {UnregisteredGtin}: none of its manufacturers registered it.", error.Message);
        Assert.Empty(_sent.Sent);
    }

    [Fact]
    public async Task Every_field_is_checked_in_its_words_at_once()
    {
        var errors = await RefusedAsync(new VerifyForVrs(Wholesaler.Gln, "123", null, "", null, null, null, Wholesaler.Gln, "nope"));

        Assert.Equal(["A GTIN is 8, 12, 13 or 14 digits; '123' is not."], errors["gtin"]);
        Assert.Equal(["The serial is empty."], errors["serial"]);
        Assert.Equal(["The lot is missing: the verification request names the pack's lot (AI 10)."], errors["lot"]);
        Assert.Equal(["The expiry is missing: give it as exp=YYMMDD (AI 17)."], errors["exp"]);
        Assert.Equal(["linkType must be verificationService."], errors["linkType"]);
        Assert.Equal(["context must be dscsaSaleableReturn: DrugTrace answers saleable-return verifications."], errors["context"]);
        Assert.Equal(["corrUUID must be a UUID; 'nope' is not."], errors["corrUUID"]);
        Assert.Empty(_sent.Sent);
    }

    [Fact]
    public async Task Wrong_values_are_quoted_back()
    {
        var errors = await RefusedAsync(Request("SN1", lot: "LOT 1", exp: "2712", linkType: "pip", context: "dscsaSaleableReturn2"));

        Assert.Equal(["linkType must be verificationService, not 'pip'."], errors["linkType"]);
        Assert.Equal(["context must be dscsaSaleableReturn, not 'dscsaSaleableReturn2': DrugTrace answers saleable-return verifications."], errors["context"]);
        Assert.StartsWith("The expiry must be YYMMDD: ", Assert.Single(errors["exp"]));
        Assert.Equal(["U+0020 at position 4 is not allowed in a lot (GS1 character set 82)."], errors["lot"]);
        Assert.Equal(new[] { "context", "exp", "linkType", "lot" }, errors.Keys.Order());
    }

    [Fact]
    public async Task Blank_lot_and_expiry_are_missing_and_a_blank_context_is_not_quoted()
    {
        var errors = await RefusedAsync(Request("SN1", lot: "  ", exp: " ", linkType: " ", context: " "));
        Assert.Equal(["The lot is missing: the verification request names the pack's lot (AI 10)."], errors["lot"]);
        Assert.Equal(["The expiry is missing: give it as exp=YYMMDD (AI 17)."], errors["exp"]);
        Assert.Equal(["linkType must be verificationService."], errors["linkType"]);
        Assert.Equal(["context must be dscsaSaleableReturn: DrugTrace answers saleable-return verifications."], errors["context"]);
    }

    [Fact]
    public async Task A_requester_naming_another_party_is_forbidden()
    {
        var error = await Assert.ThrowsAsync<ForbiddenAccessException>(() => AskAsync(Request("SN1", reqGln: Pharmacy.Gln)).AsTask());
        Assert.Equal($"reqGLN {Pharmacy.Gln} is not the GLN of Big Wholesale ({Wholesaler.Gln}), whose key made this request.", error.Message);
    }

    [Fact]
    public async Task A_reqGLN_that_is_not_a_GLN_is_refused_in_its_words()
    {
        var errors = await RefusedAsync(Request("SN1", reqGln: "12"));
        Assert.Equal(["reqGLN must be your GLN: A GLN is 13 digits; '12' is not."], errors["reqGLN"]);
    }
}
