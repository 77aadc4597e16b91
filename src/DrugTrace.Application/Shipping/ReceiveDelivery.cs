using DrugTrace.Application.Cases;
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
/// single receive (<see cref="PackHandoffs"/>; a case's or pallet's SSCC through <see cref="CaseMoves"/>,
/// everything inside it at once), in the order scanned; a code scanned twice is received once.
/// Each pack or case gets its own answer; one bad one does not stop the others.
/// </summary>
public sealed record ReceiveDelivery(string ActorGln, IReadOnlyList<string> Codes) : IRequest<DeliveryReceipt>, IActorRequest
{
    public const int MaxCodes = 2000;

    /// <summary>
    /// How a scanned code of a delivery reads before it is received: the key that tells a repeat
    /// (a pack's GTIN and serial, or a case's SSCC), what it was read as, or why it cannot be read.
    /// </summary>
    public static DeliveryCode Read(string code, DateOnly today)
    {
        try
        {
            if (CaseCodes.TryRead(code, today, out var sscc))
                return new DeliveryCode("00/" + sscc.Value, $"case (00) {sscc.Value}", null, sscc);
        }
        catch (ValidationException e)
        {
            return new DeliveryCode(code, null, e.Message, null);
        }
        var parsed = Gs1Parser.ParsePack(code, today);
        return parsed.IsSuccess
            ? new DeliveryCode($"{parsed.Value!.Gtin.Value}/{parsed.Value.Serial}", $"{parsed.Value.Gtin.Value} / {parsed.Value.Serial}", null, null)
            : new DeliveryCode(code, null, parsed.Error!.Message, null);
    }
}

/// <summary>A delivery's code as read: <see cref="Key"/> tells repeats; <see cref="ReadAs"/> or <see cref="Problem"/>; the SSCC if it is a case.</summary>
public sealed record DeliveryCode(string Key, string? ReadAs, string? Problem, Domain.Cases.Sscc? Sscc);

/// <summary>One scanned code's answer. Verdict: ok, alert, refused, unreadable or duplicate. <see cref="Case"/> when the code was a case's SSCC.</summary>
public sealed record DeliveryItem(string Code, WireName<DeliveryVerdict> Verdict, string Message, PackView? Pack, IReadOnlyList<AlertView> Alerts, CaseSummary? Case = null);

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

public sealed class ReceiveDeliveryHandler(PackHandoffs handoffs, CaseMoves cases, IActorContext context, TimeProvider clock)
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
            var read = ReceiveDelivery.Read(code, today);
            if (!seen.Add(read.Key))
            {
                items.Add(new DeliveryItem(code, DeliveryVerdict.Duplicate, "Scanned twice in this delivery: received once.", null, []));
                continue;
            }
            try
            {
                var outcome = read.Sscc is { } sscc
                    ? await cases.MoveAsync(context.Actor, code, sscc, PackAction.Receive, null, null, cancellationToken)
                    : await handoffs.HandleAsync(context.Actor, code, new PackCommand(PackAction.Receive), cancellationToken);
                items.Add(new DeliveryItem(code, Of(outcome.Verdict.Value), outcome.Message, outcome.Pack, outcome.Alerts, outcome.Case));
            }
            catch (ValidationException e)
            {
                items.Add(new DeliveryItem(code, DeliveryVerdict.Unreadable, string.Join(" ", e.Errors.SelectMany(x => x.Value).DefaultIfEmpty(e.Message)), null, []));
            }
            // An unknown SSCC, or one already moved meanwhile: that case's answer, not the delivery's.
            catch (Exception e) when (e is ConflictException or NotFoundException)
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
