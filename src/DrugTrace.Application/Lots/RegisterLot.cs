using System.Globalization;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Lots;

/// <summary>
/// A manufacturer registers a lot of its own product and commissions <c>Quantity</c> packs
/// with unpredictable serials, in one transaction: all packs or none.
/// </summary>
public sealed record RegisterLot(string ActorGln, string Gtin, string Lot, string Expiry, int Quantity)
    : IRequest<LotCommissioned>, IActorRequest
{
    public const int MaxQuantity = 100_000;
}

/// <summary>The lot as registered, with the serials of its packs.</summary>
public sealed record LotCommissioned(string Gtin, string Lot, DateOnly Expiry, IReadOnlyList<string> Serials);

public sealed class RegisterLotValidator(TimeProvider clock) : IValidator<RegisterLot>
{
    public IEnumerable<(string Field, string Message)> Validate(RegisterLot request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (Gs1Fields.Set82Error("lot number", request.Lot) is { } lot) yield return ("lot", lot);
        if (!TryParseExpiry(request.Expiry, out var expiry))
            yield return ("expiry", $"'{request.Expiry}' is not a date in the form YYYY-MM-DD.");
        else if (expiry < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            yield return ("expiry", $"The expiry {request.Expiry} is in the past.");
        else if (Gs1Fields.Yymmdd("expiry", expiry, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) is { } century)
            yield return ("expiry", century);
        if (request.Quantity is < 1 or > RegisterLot.MaxQuantity)
            yield return ("quantity", $"A lot is commissioned with 1 to {RegisterLot.MaxQuantity:N0} packs per request, not {request.Quantity}.");
    }

    public static bool TryParseExpiry(string? text, out DateOnly expiry) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expiry);
}

public sealed class RegisterLotHandler(
    ICatalogStore catalog,
    ILedgerStore ledger,
    ISerialGenerator serials,
    IActorContext context,
    TimeProvider clock) : IRequestHandler<RegisterLot, LotCommissioned>
{
    // A 60-bit serial collides with an existing one about once in 10^12 draws; three tries is plenty.
    private const int MaxAttempts = 3;

    public async ValueTask<LotCommissioned> Handle(RegisterLot request, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        var gtin = Gtin.Parse(request.Gtin).Value;
        if (!RegisterLotValidator.TryParseExpiry(request.Expiry, out var expiry))
            throw new ValidationException("expiry", $"'{request.Expiry}' is not a date in the form YYYY-MM-DD.");
        var product = await catalog.FindProductAsync(gtin, cancellationToken);
        // Another brand's product is answered like an unregistered one.
        if (product is null || product.Manufacturer != actor.Gln)
            throw new NotFoundException($"GTIN {gtin} is not one of your registered products; register the product first.");
        if (await catalog.FindLotAsync(gtin, request.Lot, cancellationToken) is not null)
            throw new ConflictException($"Lot {request.Lot} of {gtin} is already registered.");

        for (var attempt = 1; ; attempt++)
        {
            var (lot, lotEvent, packEvents) = Build(actor.Gln, gtin, request.Lot, expiry, request.Quantity);
            try
            {
                await ledger.CommissionAsync(lot, lotEvent, packEvents, cancellationToken);
                return new LotCommissioned(gtin, request.Lot, expiry, [.. packEvents.Select(e => e.Key)]);
            }
            catch (SerialCollisionException) when (attempt < MaxAttempts)
            {
                // Draw a fresh set of serials: nothing was stored.
            }
        }
    }

    private (LotState, LedgerEvent, LedgerEvent[]) Build(string actor, string gtin, string lotNumber, DateOnly expiry, int quantity)
    {
        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        var lotEvent = LedgerEvents.First(StreamKind.Lot, gtin, lotNumber, EventType.LotRegistered, actor, lotNumber, expiry, now);
        var next = serials.ForLot();
        var drawn = new HashSet<string>(quantity, StringComparer.Ordinal);
        var packEvents = new LedgerEvent[quantity];
        for (var i = 0; i < quantity; i++)
        {
            string serial;
            do serial = next(); while (!drawn.Add(serial));
            packEvents[i] = LedgerEvents.First(StreamKind.Pack, gtin, serial, EventType.Commissioned, actor, lotNumber, expiry, now);
        }
        var lot = new LotState(gtin, lotNumber, expiry, actor, new ChainHead(0, lotEvent.Hash));
        return (lot, lotEvent, packEvents);
    }
}
