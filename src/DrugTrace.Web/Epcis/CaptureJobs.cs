using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DrugTrace.Application.Epcis;
using DrugTrace.Domain.Epcis;
using Mediator;

namespace DrugTrace.Web.Epcis;

/// <summary>
/// Runs capture jobs in the background: reads every event of the document into what it asks
/// (<see cref="CaptureMapping"/>), then applies them all in one use case (<see cref="CaptureEvents"/>),
/// which stores them in one transaction. With rollback (the default) an event that cannot be read
/// or applied keeps the whole document out; with proceed each event is applied or refused on its own.
/// Jobs are kept in memory (the ledger keeps what they applied); a restart forgets them.
/// </summary>
public sealed class CaptureJobs(IServiceScopeFactory scopes, ILogger<CaptureJobs> logger)
{
    private readonly ConcurrentDictionary<string, CaptureJob> _jobs = new(StringComparer.Ordinal);

    public CaptureJob? Find(string id) => _jobs.GetValueOrDefault(id);

    public CaptureJob Start(string actorGln, JsonObject document, bool rollback)
    {
        var events = document["epcisBody"]?["eventList"] as JsonArray ?? [];
        var job = new CaptureJob(Guid.NewGuid().ToString("N"), actorGln, rollback ? "rollback" : "proceed", events.Count);
        _jobs[job.CaptureID] = job;
        _ = Task.Run(() => RunAsync(job, document, events, rollback));
        return job;
    }

    private async Task RunAsync(CaptureJob job, JsonObject document, JsonArray events, bool rollback)
    {
        try
        {
            var ns = EpcisNamespaces.From(document["@context"]);
            var plans = new List<(int Index, string? EventId, CapturePlan Plan)>();
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is not JsonObject ev) { plans.Add((i, null, CapturePlan.Refuse("The event is not a JSON object."))); continue; }
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
                plans.Add((i, id, plan));
            }
            var outcome = await CaptureAsync(job.Owner, [.. plans.Select(p => new CapturedEvent(p.Index, p.EventId, p.Plan))], rollback);
            foreach (var refused in outcome.Refused) job.Fail(refused.Event, refused.EventID, refused.Reason);
            job.CountApplied(outcome.Applied);
        }
        catch (Exception e)
        {
            // A bug must not leave the job running for ever; the client sees that it failed.
            logger.LogError(e, "Capture job {Id} failed", job.CaptureID);
            job.Fail(-1, null, "The capture stopped on an internal error. Its events are stored together or not at all: query them to see whether they were.");
        }
        finally
        {
            job.Finish();
        }
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
