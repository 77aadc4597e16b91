using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;
using Mediator;

namespace DrugTrace.Application.Verification;

/// <summary>
/// Anyone (a patient, without signing in) checks a pack by its GS1 Digital Link: genuine or
/// not, product, lot, expiry, recall. It says nothing about custody and records nothing.
/// </summary>
public sealed record VerifyPublicly(string Gtin, string Serial, string? Lot, string? Expiry) : IRequest<PublicVerification>
{
    /// <summary>The Digital Link URI the pieces stand for, in GS1's qualifier order.</summary>
    public string DigitalLink()
    {
        var path = $"https://id.gs1.org/01/{Uri.EscapeDataString(Gtin)}";
        if (!string.IsNullOrEmpty(Lot)) path += $"/10/{DigitalLinkValue.Escape(Lot)}";
        path += $"/21/{DigitalLinkValue.Escape(Serial)}";
        return string.IsNullOrEmpty(Expiry) ? path : $"{path}?17={Uri.EscapeDataString(Expiry)}";
    }
}

/// <summary>What the public may know about a pack.</summary>
/// <param name="Genuine">The pack was commissioned by its manufacturer and the label matches it.</param>
/// <param name="Headline">What to do, in a few words: "Genuine" only for a pack that is fine.</param>
/// <param name="Message">One sentence for a patient.</param>
/// <param name="Verdict">The headline as a value: genuine, not-confirmed, stolen, illegitimate, under-investigation, destroyed, recalled, expired.</param>
/// <param name="RecallReason">The brand owner's public text for the recall, if it gave one (never the internal reason).</param>
/// <param name="Stolen">The pack was reported stolen: do not use it.</param>
public sealed record PublicVerification(
    bool Genuine, string Message, string Gtin, string Serial, string? ProductName, string? Lot, DateOnly? Expiry,
    bool Recalled, string? RecallReason, bool Expired, bool Stolen, string Headline = "", PublicVerdict Verdict = PublicVerdict.NotConfirmed)
{
    /// <summary>Nothing is wrong with the pack: the only case the page says "Genuine".</summary>
    public bool IsFine => Verdict == PublicVerdict.Genuine;
}

public sealed class VerifyPubliclyValidator : IValidator<VerifyPublicly>
{
    public IEnumerable<(string Field, string Message)> Validate(VerifyPublicly request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (Gs1Fields.Set82Error("serial", request.Serial) is { } serial) yield return ("serial", serial);
    }
}

public sealed class VerifyPubliclyHandler(ICatalogStore catalog, ILedgerStore ledger, IRecallNotices notices, TimeProvider clock)
    : IRequestHandler<VerifyPublicly, PublicVerification>
{
    private const string NotGenuine = "We cannot confirm this pack. Do not use it; take it to a pharmacy.";


    public async ValueTask<PublicVerification> Handle(VerifyPublicly request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = ScanCodeReader.Read(request.DigitalLink(), now);
        var gtin = id.Gtin.Value;
        var product = await catalog.FindProductAsync(gtin, cancellationToken);
        var pack = product is null ? null : await ledger.FindPackAsync(gtin, id.Serial, cancellationToken);
        var lot = pack is null ? null : await catalog.FindLotAsync(gtin, pack.Lot, cancellationToken);
        if (product is null || pack is null || lot is null || PackLifecycle.CheckAuthenticity(pack, id.Lot, id.Expiry).Count > 0)
            return new PublicVerification(false, NotGenuine, gtin, id.Serial, product?.Name, id.Lot, id.Expiry, false, null, false, false,
                PublicWords.Headline(PublicVerdict.NotConfirmed), PublicVerdict.NotConfirmed);

        var recalled = lot.IsRecalled;
        var expired = PackLifecycle.IsExpired(pack, now);
        var verdict = PublicWords.VerdictOf(pack.Status, recalled, expired);
        // The internal recall reason may name suppliers or test results: the public sees only the text written for it.
        var publicReason = recalled ? await notices.FindAsync(gtin, pack.Lot, cancellationToken) : null;
        return new PublicVerification(true, PublicWords.Message(verdict), gtin, pack.Serial, product.Name, pack.Lot, pack.Expiry,
            recalled, publicReason, expired, pack.Status == PackStatus.Stolen, PublicWords.Headline(verdict), verdict);
    }
}
