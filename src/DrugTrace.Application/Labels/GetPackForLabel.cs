using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Labels;

/// <summary>
/// A pack as printed on its label. Printing a genuine code is the brand owner's right (and a
/// regulator's, to inspect): anyone else who could print one could put it on a fake.
/// </summary>
public sealed record GetPackForLabel(string ActorGln, string Gtin, string Serial) : IRequest<PackView>, IActorRequest;

public sealed class GetPackForLabelValidator : IValidator<GetPackForLabel>
{
    public IEnumerable<(string Field, string Message)> Validate(GetPackForLabel request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (Gs1Fields.Set82Error("serial", request.Serial) is { } serial) yield return ("serial", serial);
    }
}

public sealed class GetPackForLabelHandler(ILedgerStore ledger, ICatalogStore catalog, IActorContext context)
    : IRequestHandler<GetPackForLabel, PackView>
{
    public async ValueTask<PackView> Handle(GetPackForLabel request, CancellationToken cancellationToken)
    {
        var gtin = Gtin.Parse(request.Gtin).Value;
        var product = await catalog.FindProductAsync(gtin, cancellationToken);
        var pack = product is null ? null : await ledger.FindPackAsync(gtin, request.Serial, cancellationToken);
        // Another brand's pack is reported as missing, so that serials cannot be probed.
        if (pack is null || (context.Actor.Role == PartyRole.Manufacturer && product!.Manufacturer != context.Actor.Gln))
            throw new NotFoundException($"No pack {request.Serial} of GTIN {gtin} among your products.");
        var lot = await catalog.FindLotAsync(gtin, pack.Lot, cancellationToken)
            ?? throw new InvalidOperationException($"Lot {pack.Lot} of {gtin} is not stored.");
        return ScanOutcomes.View(pack, lot, product);
    }
}
