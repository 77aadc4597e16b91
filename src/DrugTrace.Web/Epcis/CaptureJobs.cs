using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DrugTrace.Application.Epcis;
using DrugTrace.Domain.Epcis;
using Mediator;

namespace DrugTrace.Web.Epcis;

/// <summary>
/// Runs capture jobs in the background, each event through the same use cases as a scan, in a DI
/// scope of its own. Jobs are kept in memory (the ledger keeps what they applied); a restart forgets them.
/// With rollback (the default) the whole document is read first and nothing is applied if any event
/// cannot be; an event refused while applying stops the job, and the events applied before it stay,
/// because the ledger is append-only. With proceed every event is tried.
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
            var plans = new List<(int Index, string EventId, CapturePlan Plan)>();
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is not JsonObject ev) { job.Fail(i, null, "The event is not a JSON object."); continue; }
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
                if (plan.Refusal is not null) job.Fail(i, id, plan.Refusal);
                else plans.Add((i, id!, plan));
            }
            if (rollback && job.Errors.Count > 0)
            {
                foreach (var p in plans) job.Fail(p.Index, p.EventId, "Not applied: another event of this document cannot be (rollback).");
                return;
            }
            foreach (var (index, eventId, plan) in plans)
            {
                foreach (var step in plan.Steps)
                {
                    var result = await ApplyAsync(job.Owner, step, eventId);
                    if (!result.Applied)
                    {
                        job.Fail(index, eventId, result.Message);
                        if (rollback)
                        {
                            foreach (var rest in plans.Where(p => p.Index > index))
                                job.Fail(rest.Index, rest.EventId, $"Not applied: event {index} was refused and the job stopped there (rollback; events before it stay recorded).");
                            return;
                        }
                        goto nextEvent;
                    }
                }
                job.CountApplied();
            nextEvent:;
            }
        }
        catch (Exception e)
        {
            // A bug must not leave the job running for ever; the client sees that it failed.
            logger.LogError(e, "Capture job {Id} failed", job.CaptureID);
            job.Fail(-1, null, "The capture stopped on an internal error; events after the last applied one were not applied.");
        }
        finally
        {
            job.Finish();
        }
    }

    private async Task<CapturedStepResult> ApplyAsync(string actor, CaptureStep step, string eventId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            return await mediator.Send(new ApplyCapturedEvent(actor, step, eventId));
        }
        catch (Exception e) when (e is Application.Common.Exceptions.ValidationException or Application.Common.Exceptions.ForbiddenAccessException
                                      or Application.Common.Exceptions.NotFoundException or Application.Common.Exceptions.ConflictException)
        {
            return new CapturedStepResult(false, e.Message);
        }
    }
}
