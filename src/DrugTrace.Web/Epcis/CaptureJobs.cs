using System.Text.Json.Nodes;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Epcis;
using DrugTrace.Domain.Epcis;
using Mediator;

namespace DrugTrace.Web.Epcis;

/// <summary>
/// Runs capture jobs in the background: reads every event of the document into what it asks
/// (<see cref="CaptureMapping"/>), then applies them all in one use case (<see cref="CaptureEvents"/>),
/// which stores them in one transaction. With rollback (the default) an event that cannot be read
/// or applied keeps the whole document out; with proceed each event is applied or refused on its own.
/// Jobs are kept in the store (<see cref="ICaptureJobStore"/>), so a job is followed across a
/// restart; one cut off by a restart is ended by <see cref="CaptureJobRecovery"/>.
/// </summary>
public sealed class CaptureJobs(IServiceScopeFactory scopes, ICaptureJobStore store, TimeProvider clock, ILogger<CaptureJobs> logger)
{
    private readonly HashSet<Task> _running = [];

    /// <summary>Stores the job as running and starts it; the job as stored.</summary>
    public async Task<CaptureJob> StartAsync(string actorGln, JsonObject document, bool rollback, CancellationToken cancellationToken)
    {
        var events = document["epcisBody"]?["eventList"] as JsonArray ?? [];
        var job = new CaptureJob(Guid.NewGuid().ToString("N"), actorGln, rollback ? "rollback" : "proceed", events.Count, clock.GetUtcNow());
        await store.AddAsync(job, cancellationToken);
        var run = Task.Run(() => RunAsync(job, document, events, rollback), CancellationToken.None);
        lock (_running) _running.Add(run);
        _ = run.ContinueWith(t => { lock (_running) _running.Remove(t); }, TaskScheduler.Default);
        return job;
    }

    /// <summary>Waits for the jobs running now (a host stopping lets them write their end).</summary>
    public Task DrainAsync()
    {
        lock (_running) return Task.WhenAll([.. _running]);
    }

    private async Task RunAsync(CaptureJob job, JsonObject document, JsonArray events, bool rollback)
    {
        CaptureJob finished;
        try
        {
            var outcome = await CaptureAsync(job.Owner, Read(job, document, events), rollback);
            finished = job.Finished(outcome.Applied, [.. outcome.Refused.OrderBy(r => r.Event)], clock.GetUtcNow());
        }
        catch (Exception e)
        {
            // A bug must not leave the job running for ever; the client sees that it failed.
            logger.LogError(e, "Capture job {Id} failed", job.CaptureID);
            finished = job.Finished(0, [new CaptureRefusal(-1, null,
                "The capture stopped on an internal error. Its events are stored together or not at all: query them to see whether they were.")],
                clock.GetUtcNow());
        }
        try
        {
            await store.FinishAsync(finished, CancellationToken.None);
        }
        catch (Exception e) when (e is Application.Common.Exceptions.StoreUnavailableException or InvalidOperationException)
        {
            // The job stays "running" in the store; the next start ends it (CaptureJobRecovery).
            logger.LogError(e, "Capture job {Id}: its end could not be stored", job.CaptureID);
        }
    }

    /// <summary>
    /// Each event into what it asks and its hash ID. Events are read independently of each other
    /// (pure functions of the event and the document's context), so a large document is read in
    /// parallel; the plans keep the document's order.
    /// </summary>
    private CapturedEvent[] Read(CaptureJob job, JsonObject document, JsonArray events)
    {
        var ns = EpcisNamespaces.From(document["@context"]);
        var items = events.ToArray();
        var read = new CapturedEvent[items.Length];
        Parallel.For(0, items.Length, i => read[i] = ReadOne(job, i, items[i], ns));
        return read;
    }

    private CapturedEvent ReadOne(CaptureJob job, int i, JsonNode? node, EpcisNamespaces ns)
    {
        if (node is not JsonObject ev) return new CapturedEvent(i, null, CapturePlan.Refuse("The event is not a JSON object."));
        CapturePlan plan;
        string? id = null;
        try
        {
            id = ev["eventID"] is JsonValue declared && declared.TryGetValue<string>(out var given) ? given : null;
            plan = CaptureMapping.Map(ev, job.Owner, EpcisNamespaces.From(ev["@context"], ns));
            if (plan.Refusal is null) id = EventHashId.Compute(ev, ns);
        }
        catch (ArgumentException e)
        {
            // System.Text.Json refuses an object with a field twice only when it is read.
            plan = CapturePlan.Refuse($"The event cannot be read: it has a field twice ({e.Message}).");
        }
        catch (NotSupportedException e)
        {
            plan = CapturePlan.Refuse(e.Message);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or InvalidCastException)
        {
            logger.LogWarning(e, "Capture job {Id}: event {Index} could not be read", job.CaptureID, i);
            plan = CapturePlan.Refuse($"The event could not be read: {e.Message}");
        }
        return new CapturedEvent(i, id, plan);
    }

    private async Task<CaptureOutcome> CaptureAsync(string actor, IReadOnlyList<CapturedEvent> events, bool rollback)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            return await mediator.Send(new CaptureEvents(actor, events, rollback));
        }
        catch (Exception e) when (e is Application.Common.Exceptions.ValidationException or Application.Common.Exceptions.ForbiddenAccessException
                                      or Application.Common.Exceptions.NotFoundException or Application.Common.Exceptions.ConflictException
                                      or Application.Common.Exceptions.UnauthenticatedException)
        {
            return new CaptureOutcome(0, [.. events.Select(ev => new CaptureRefusal(ev.Index, ev.EventId, e.Message))]);
        }
    }
}
