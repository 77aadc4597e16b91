using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using Mediator;

namespace DrugTrace.Application.Cases;

/// <summary>
/// Packs items the caller holds (pack codes, or SSCCs of its cases) into a new case or pallet, under
/// <see cref="Sscc"/> or an SSCC made under the caller's company prefix. All or none: an item that is
/// unknown (404), not in the caller's stock (403), already packed or not active (409), or listed twice (400)
/// stops the whole case, and nothing is stored.
/// </summary>
public sealed record PackCase(string ActorGln, IReadOnlyList<string> Codes, string? Sscc = null) : IRequest<CaseView>, IActorRequest
{
    public const int MaxCodes = 5000;
}

public sealed class PackCaseValidator : IValidator<PackCase>
{
    public IEnumerable<(string Field, string Message)> Validate(PackCase request)
    {
        if (request.Codes is null || request.Codes.Count == 0)
            yield return ("codes", "The case is empty: scan the packs (or cases) to put in it.");
        else if (request.Codes.Count > PackCase.MaxCodes)
            yield return ("codes", $"At most {PackCase.MaxCodes} items per case.");
        if (request.Sscc is { } sscc && !Sscc.TryParse(sscc, out _, out var error))
            yield return ("sscc", error);
    }
}

public sealed class PackCaseHandler(ILedgerStore ledger, CaseReader reader, SsccAllocator allocator, IActorContext context, TimeProvider clock)
    : IRequestHandler<PackCase, CaseView>
{
    public async ValueTask<CaseView> Handle(PackCase request, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var items = Read(request.Codes, today);
        var sscc = request.Sscc is { } given
            ? await allocator.CheckGivenAsync(actor, CaseCodes.Read("sscc", given), cancellationToken)
            : await allocator.NewAsync(actor, cancellationToken);
        if (items.Cases.Any(c => c.Value == sscc.Value)) throw new ValidationException("codes", "A case cannot be packed into itself.");

        var stored = await LostRaceRetry.RunAsync(async () =>
        {
            var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
            var (packs, cases) = await reader.ChildrenAsync(actor, items.Packs.Select(id => (id.Gtin.Value, id.Serial)),
                items.Cases.Select(c => c.Value), cancellationToken);
            switch (CaseLifecycle.Pack(sscc, packs, cases, actor, now))
            {
                case CaseDecision.Refused refused:
                    throw new ConflictException(refused.Message);
                case CaseDecision.Accepted accepted:
                    if (!await ledger.TryAppendBatchAsync(CaseWrites.Of(accepted.Steps), cancellationToken))
                    {
                        // A lost race re-reads everything; an SSCC taken meanwhile is not ours to take.
                        if (await ledger.FindCaseAsync(sscc.Value, cancellationToken) is not null)
                            throw new ConflictException($"SSCC {sscc.Value} was used by another case meanwhile; nothing was packed.");
                        return null;
                    }
                    return (CaseState?)((CaseStep.OfCase)accepted.Steps[0]).State;
                default:
                    throw new InvalidOperationException("Unknown decision.");
            }
        });
        return CaseView.Of(await reader.ReadAsync(stored, cancellationToken));
    }

    private static (List<PackIdentity> Packs, List<Sscc> Cases) Read(IReadOnlyList<string> codes, DateOnly today)
    {
        var packs = new List<PackIdentity>();
        var cases = new List<Sscc>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            var field = $"codes[{i}]";
            var code = codes[i];
            if (string.IsNullOrWhiteSpace(code)) throw new ValidationException(field, "The code is empty.");
            string key;
            if (CaseCodes.TryRead(code, today, out var sscc))
            {
                key = "00" + sscc.Value;
                cases.Add(sscc);
            }
            else
            {
                var parsed = Gs1Parser.ParsePack(code, today);
                if (!parsed.IsSuccess) throw new ValidationException(field, parsed.Error.Message);
                key = $"{parsed.Value.Gtin.Value}/{parsed.Value.Serial}";
                packs.Add(parsed.Value);
            }
            if (!seen.Add(key)) throw new ValidationException(field, $"{(key.StartsWith("00", StringComparison.Ordinal) ? "Case " + key[2..] : "Pack " + key)} is listed twice.");
        }
        return (packs, cases);
    }
}
