using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Shipping;

/// <summary>
/// Receives a whole delivery scanned in one go: every code goes through the same rules as a
/// single receive (<see cref="PackHandoffs"/>), in the order scanned; a code scanned twice is
/// received once. Each pack gets its own answer; one bad pack does not stop the others.
/// </summary>
public sealed record ReceiveDelivery(string ActorGln, IReadOnlyList<string> Codes) : IRequest<DeliveryReceipt>, IActorRequest
{
    public const int MaxCodes = 2000;
}

/// <summary>One scanned code's answer. Verdict: ok, alert, refused, unreadable or duplicate.</summary>
public sealed record DeliveryItem(string Code, WireName<DeliveryVerdict> Verdict, string Message, PackView? Pack, IReadOnlyList<AlertView> Alerts);

public sealed record DeliveryReceipt(int Scanned, int Received, int Alerts, int Refused, int Unreadable, int Duplicates, IReadOnlyList<DeliveryItem> Items)
{
    /// <summary>The wire words of the verdicts a single scan does not have.</summary>
    public const string UnreadableVerdict = "unreadable";
    public const string DuplicateVerdict = "duplicate";
}

public sealed class ReceiveDeliveryValidator : IValidator<ReceiveDelivery>
{
    public IEnumerable<(string Field, string Message)> Validate(ReceiveDelivery request)
    {
        if (request.Codes is null || request.Codes.Count == 0)
            yield return ("codes", "The delivery is empty: scan its packs first.");
        else if (request.Codes.Count > ReceiveDelivery.MaxCodes)
            yield return ("codes", $"At most {ReceiveDelivery.MaxCodes} packs per delivery; receive the rest in a second one.");
    }
}

public sealed class ReceiveDeliveryHandler(PackHandoffs handoffs, IActorContext context, TimeProvider clock)
    : IRequestHandler<ReceiveDelivery, DeliveryReceipt>
{
    public async ValueTask<DeliveryReceipt> Handle(ReceiveDelivery request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<DeliveryItem>(request.Codes.Count);
        foreach (var raw in request.Codes)
        {
            var code = (raw ?? "").Trim('\r', '\n');
            var parsed = Gs1Parser.ParsePack(code, today);
            var key = parsed.IsSuccess ? $"{parsed.Value!.Gtin.Value}/{parsed.Value.Serial}" : code;
            if (!seen.Add(key))
            {
                items.Add(new DeliveryItem(code, DeliveryVerdict.Duplicate, "Scanned twice in this delivery: received once.", null, []));
                continue;
            }
            try
            {
                var outcome = await handoffs.HandleAsync(context.Actor, code, new PackCommand(PackAction.Receive), cancellationToken);
                items.Add(new DeliveryItem(code, Of(outcome.Verdict.Value), outcome.Message, outcome.Pack, outcome.Alerts));
            }
            catch (ValidationException e)
            {
                items.Add(new DeliveryItem(code, DeliveryVerdict.Unreadable, string.Join(" ", e.Errors.SelectMany(x => x.Value).DefaultIfEmpty(e.Message)), null, []));
            }
            catch (ConflictException e)
            {
                items.Add(new DeliveryItem(code, DeliveryVerdict.Refused, e.Message, null, []));
            }
        }
        return new DeliveryReceipt(
            items.Count,
            items.Count(i => i.Verdict.Value == DeliveryVerdict.Ok),
            items.Count(i => i.Verdict.Value == DeliveryVerdict.Alert),
            items.Count(i => i.Verdict.Value == DeliveryVerdict.Refused),
            items.Count(i => i.Verdict.Value == DeliveryVerdict.Unreadable),
            items.Count(i => i.Verdict.Value == DeliveryVerdict.Duplicate),
            items);
    }

    private static DeliveryVerdict Of(ScanVerdict verdict) => verdict switch
    {
        ScanVerdict.Ok => DeliveryVerdict.Ok,
        ScanVerdict.Alert => DeliveryVerdict.Alert,
        _ => DeliveryVerdict.Refused,
    };
}
