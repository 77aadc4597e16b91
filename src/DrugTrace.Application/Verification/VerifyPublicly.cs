using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
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
        if (!string.IsNullOrEmpty(Lot)) path += $"/10/{Uri.EscapeDataString(Lot)}";
        path += $"/21/{Uri.EscapeDataString(Serial)}";
        return string.IsNullOrEmpty(Expiry) ? path : $"{path}?17={Uri.EscapeDataString(Expiry)}";
    }
}

/// <summary>What the public may know about a pack.</summary>
/// <param name="Genuine">The pack was commissioned by its manufacturer and the label matches it.</param>
/// <param name="Message">One sentence for a patient.</param>
/// <param name="Stolen">The pack was reported stolen: do not use it.</param>
public sealed record PublicVerification(
    bool Genuine, string Message, string Gtin, string Serial, string? ProductName, string? Lot, DateOnly? Expiry,
    bool Recalled, string? RecallReason, bool Expired, bool Stolen);

public sealed class VerifyPubliclyValidator : IValidator<VerifyPublicly>
{
    public IEnumerable<(string Field, string Message)> Validate(VerifyPublicly request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (Gs1Fields.Set82Error("serial", request.Serial) is { } serial) yield return ("serial", serial);
    }
}

public sealed class VerifyPubliclyHandler(ICatalogStore catalog, ILedgerStore ledger, TimeProvider clock)
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
            return new PublicVerification(false, NotGenuine, gtin, id.Serial, product?.Name, id.Lot, id.Expiry, false, null, false, false);

        var recalled = lot.IsRecalled;
        var expired = PackLifecycle.IsExpired(pack, now);
        var stolen = pack.Status == PackStatus.Stolen;
        var message = stolen ? "This pack was reported stolen. Do not use it; take it to a pharmacy."
            : recalled ? "This pack is genuine, but its lot was recalled. Do not use it; ask your pharmacist."
            : expired ? "This pack is genuine, but it has expired. Do not use it; ask your pharmacist."
            : "This pack is genuine.";
        return new PublicVerification(true, message, gtin, pack.Serial, product.Name, pack.Lot, pack.Expiry,
            recalled, recalled ? lot.RecallReason : null, expired, stolen);
    }
}
