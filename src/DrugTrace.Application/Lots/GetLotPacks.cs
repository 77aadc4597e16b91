using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Lots;

/// <summary>A page of a lot's packs, for its brand owner or a regulator.</summary>
public sealed record GetLotPacks(string ActorGln, string Gtin, string Lot, int Skip = 0, int Take = 100)
    : IRequest<LotPacksPage>, IActorRequest
{
    public const int MaxTake = 1000;
}

public sealed record LotPacksPage(string Gtin, string Lot, DateOnly Expiry, bool Recalled, int Total, int Skip, int Take, IReadOnlyList<PackView> Packs);

public sealed class GetLotPacksValidator : IValidator<GetLotPacks>
{
    public IEnumerable<(string Field, string Message)> Validate(GetLotPacks request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (request.Skip < 0) yield return ("skip", "skip cannot be negative.");
        if (request.Take is < 1 or > GetLotPacks.MaxTake) yield return ("take", $"take must be 1 to {GetLotPacks.MaxTake}.");
    }
}

public sealed class GetLotPacksHandler(ICatalogStore catalog, ILedgerStore ledger, IActorContext context)
    : IRequestHandler<GetLotPacks, LotPacksPage>
{
    public async ValueTask<LotPacksPage> Handle(GetLotPacks request, CancellationToken cancellationToken)
    {
        var gtin = Gtin.Parse(request.Gtin).Value;
        var lot = await catalog.FindLotAsync(gtin, request.Lot, cancellationToken);
        // Another brand's lot is reported as missing, so that lot numbers cannot be probed.
        if (lot is null || (context.Actor.Role == PartyRole.Manufacturer && lot.Manufacturer != context.Actor.Gln))
            throw new NotFoundException(RecallLotHandler.NotYours(request.Lot, gtin));
        var product = await catalog.FindProductAsync(gtin, cancellationToken);
        var total = await ledger.CountPacksAsync(gtin, lot.Lot, cancellationToken);
        var packs = await ledger.ListPacksAsync(gtin, lot.Lot, request.Skip, request.Take, cancellationToken);
        return new LotPacksPage(gtin, lot.Lot, lot.Expiry, lot.IsRecalled, total, request.Skip, request.Take,
            [.. packs.Select(p => ScanOutcomes.View(p, lot, product))]);
    }
}
