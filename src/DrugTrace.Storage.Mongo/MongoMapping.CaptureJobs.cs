using DrugTrace.Storage.Mongo.Documents;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoMapping
{
    public static CaptureJobDocument ToDocument(Application.Epcis.CaptureJob j) => new()
    {
        Id = j.CaptureID,
        Owner = j.Owner,
        Behaviour = j.CaptureErrorBehaviour,
        Events = j.Events,
        Applied = j.Applied,
        Running = j.Running,
        Success = j.Success,
        Errors = ToDocuments(j.Errors),
        CreatedAt = Utc(j.CreatedAt),
        FinishedAt = j.FinishedAt is { } f ? Utc(f) : null,
    };

    public static List<CaptureErrorDocument> ToDocuments(IReadOnlyList<Application.Epcis.CaptureRefusal> errors) =>
        [.. errors.Select(e => new CaptureErrorDocument { Event = e.Event, EventId = e.EventID, Reason = e.Reason })];

    public static Application.Epcis.CaptureJob ToCaptureJob(CaptureJobDocument d) => new(
        d.Id, d.Owner, d.Behaviour, d.Events, Time(d.CreatedAt), Running: d.Running, Success: d.Success, Applied: d.Applied,
        Errors: [.. d.Errors.Select(e => new Application.Epcis.CaptureRefusal(e.Event, e.EventId, e.Reason))],
        FinishedAt: d.FinishedAt is { } f ? Time(f) : null);
}
