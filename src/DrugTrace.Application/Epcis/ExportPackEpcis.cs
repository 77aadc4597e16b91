using System.Text.Json.Nodes;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using Mediator;

namespace DrugTrace.Application.Epcis;

/// <summary>
/// A pack's history as an EPCIS 2.0 EPCISDocument: one ObjectEvent per event of its chain. Who
/// may see it is exactly who may see the pack's history (<see cref="GetPackHistory"/>, which it asks).
/// </summary>
public sealed record ExportPackEpcis(string ActorGln, string Gtin, string Serial) : IRequest<JsonObject>, IActorRequest;

public sealed class ExportPackEpcisHandler(ISender sender, TimeProvider clock) : IRequestHandler<ExportPackEpcis, JsonObject>
{
    public async ValueTask<JsonObject> Handle(ExportPackEpcis request, CancellationToken cancellationToken)
    {
        var history = await sender.Send(new GetPackHistory(request.ActorGln, request.Gtin, request.Serial), cancellationToken);
        var events = history.Events.Select(e => PackEpcisEvents.ToEpcisEvent(Facts(history.Pack, e)));
        return EpcisDocuments.Document(events, clock.GetUtcNow());
    }

    public static PackEventFacts Facts(PackView pack, EventView e) => new(
        Enum.Parse<EventType>(e.Type), pack.Gtin, pack.Serial, pack.Lot, pack.Expiry, e.Actor, e.From, e.To, e.Reason,
        e.OccurredAt, e.RecordedAt);
}
