using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Verification;
using Mediator;

namespace DrugTrace.Application.Verification;

/// <summary>
/// A VRS verification request (GS1 Lightweight Messaging Standard for Verification, US DSCSA
/// saleable returns): does this GTIN, serial, lot and expiry match a pack the brand owner
/// commissioned? The request is also run as an ordinary verification scan by the requester, so it
/// is logged and raises the same alerts (an unknown serial in a saleable return reaches the
/// regulators); the answer itself says only what the standard lets a requester know.
/// </summary>
public sealed record VerifyForVrs(
    string ActorGln, string Gtin, string? Lot, string Serial, string? Exp, string? LinkType, string? Context, string? ReqGln, string? CorrUuid)
    : IRequest<VrsAnswer>, IActorRequest;

/// <summary>The answer, with the names the standard gives its fields.</summary>
public sealed record VrsAnswer(DateTimeOffset VerificationTimestamp, string ResponderGLN, VrsData Data, string CorrUUID);

public sealed record VrsData(bool Verified, string? VerificationFailureReason, string? AdditionalInfo);

public sealed class VerifyForVrsHandler(ICatalogStore catalog, ILedgerStore ledger, ISender sender, IActorContext context, TimeProvider clock)
    : IRequestHandler<VerifyForVrs, VrsAnswer>
{
    public const string LinkType = "verificationService";
    public const string SaleableReturn = "dscsaSaleableReturn";

    public async ValueTask<VrsAnswer> Handle(VerifyForVrs request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (gtin, lot, expiry, corr) = Check(request, now);
        VrsRequests.CheckRequester(context.Actor, request.ReqGln);
        var product = await catalog.FindProductAsync(gtin, cancellationToken) ?? throw VrsRequests.NotAnswered(gtin);

        // Logged and judged like any verification scan of this Digital Link.
        var link = new VerifyPublicly(gtin, request.Serial, lot, request.Exp!.Trim()).DigitalLink();
        await sender.Send(new VerifyPack(request.ActorGln, link), cancellationToken);

        var pack = await ledger.FindPackAsync(gtin, request.Serial, cancellationToken);
        var lotState = pack is null ? null : await catalog.FindLotAsync(gtin, pack.Lot, cancellationToken);
        var verdict = VrsVerdict.Decide(pack, lotState, lot, expiry, now);
        return new VrsAnswer(now, product.Manufacturer, new VrsData(verdict.Verified, verdict.FailureReason, verdict.AdditionalInfo), corr);
    }

    private static (string Gtin, string Lot, DateOnly Expiry, string CorrUuid) Check(VerifyForVrs request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (!Gtin.TryParse(request.Gtin, out var gtin, out var gtinError)) Fail("gtin", gtinError);
        if (Gs1Fields.Set82Error("serial", request.Serial) is { } serialError) Fail("serial", serialError);
        if (string.IsNullOrWhiteSpace(request.Lot)) Fail("lot", "The lot is missing: the verification request names the pack's lot (AI 10).");
        else if (Gs1Fields.Set82Error("lot", request.Lot) is { } lotError) Fail("lot", lotError);
        var expiry = default(DateOnly);
        if (string.IsNullOrWhiteSpace(request.Exp)) Fail("exp", "The expiry is missing: give it as exp=YYMMDD (AI 17).");
        else if (!Gs1Date.TryParseYymmdd(request.Exp.Trim(), DateOnly.FromDateTime(now.UtcDateTime), allowDayZero: true, out expiry, out var expProblem))
            Fail("exp", $"The expiry must be YYMMDD: {expProblem}");
        if (!IsVerificationService(request.LinkType))
            Fail("linkType", $"linkType must be {LinkType}{(string.IsNullOrWhiteSpace(request.LinkType) ? "" : $", not '{request.LinkType}'")}.");
        if (!string.Equals(request.Context?.Trim(), SaleableReturn, StringComparison.Ordinal))
            Fail("context", $"context must be {SaleableReturn}{(string.IsNullOrWhiteSpace(request.Context) ? "" : $", not '{request.Context}'")}: DrugTrace answers saleable-return verifications.");
        var corr = request.CorrUuid?.Trim();
        if (string.IsNullOrEmpty(corr)) corr = Guid.NewGuid().ToString();
        else if (!Guid.TryParse(corr, out _)) Fail("corrUUID", $"corrUUID must be a UUID; '{corr}' is not.");
        if (errors.Count > 0) throw new ValidationException(errors);
        return (gtin.Value, request.Lot!.Trim(), expiry, corr);
    }

    private static bool IsVerificationService(string? linkType) => linkType?.Trim() switch
    {
        LinkType or "gs1:" + LinkType or "https://gs1.org/voc/" + LinkType or "https://ref.gs1.org/voc/" + LinkType => true,
        _ => false,
    };
}
