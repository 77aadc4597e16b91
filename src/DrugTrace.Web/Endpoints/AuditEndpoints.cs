using System.Security.Claims;
using DrugTrace.Application.Audit;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var report = await mediator.Send(new AuditLedger(user.GlnOf()), ct);
                return new
                {
                    packs = report.Packs,
                    events = report.Events,
                    valid = report.IsValid,
                    checkpointSize = report.CheckpointSize,
                    logProblems = report.LogProblems,
                    violations = report.Violations.Select(v => new
                    {
                        stream = v.Stream.ToString().ToLowerInvariant(),
                        gtin = v.Gtin,
                        serial = v.Stream == Domain.Ledger.StreamKind.Pack ? v.Key : null,
                        lot = v.Stream == Domain.Ledger.StreamKind.Lot ? v.Key : null,
                        sscc = v.Stream == Domain.Ledger.StreamKind.Case ? v.Key : null,
                        seq = v.Seq,
                        logIndex = v.LogIndex,
                        problem = v.Problem,
                    }),
                };
            })
            .WithTags("Audit")
            .WithSummary("Recompute every hash chain, replay each through the lifecycle rules against the stored state, and hold the Merkle root to the latest signed checkpoint (regulator); each finding is named by pack, seq and field.");
        return api;
    }
}
