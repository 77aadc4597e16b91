using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Packs;

/// <summary>
/// A pack and its chain of events, re-verified. Regulators see every pack, a brand owner its
/// own products, and any other party only packs that passed through its hands.
/// </summary>
public sealed record GetPackHistory(string ActorGln, string Gtin, string Serial) : IRequest<PackHistory>, IActorRequest;

public sealed record PackHistory(PackView Pack, IReadOnlyList<EventView> Events, bool ChainVerified, IReadOnlyList<string> Problems);

public sealed record EventView(
    long LogIndex, int Seq, string Type, string Actor, string? From, string? To, string? Reason,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string PrevHash, string Hash);

public sealed class GetPackHistoryValidator : IValidator<GetPackHistory>
{
    public IEnumerable<(string Field, string Message)> Validate(GetPackHistory request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (Gs1Fields.Set82Error("serial", request.Serial) is { } serial) yield return ("serial", serial);
    }
}

public sealed class GetPackHistoryHandler(ILedgerStore ledger, ICatalogStore catalog, IPartyStore parties, IActorContext context)
    : IRequestHandler<GetPackHistory, PackHistory>
{
    public async ValueTask<PackHistory> Handle(GetPackHistory request, CancellationToken cancellationToken)
    {
        var gtin = Gtin.Parse(request.Gtin).Value;
        var notFound = new NotFoundException($"No pack {request.Serial} of GTIN {gtin} that you may see.");
        var pack = await ledger.FindPackAsync(gtin, request.Serial, cancellationToken) ?? throw notFound;
        var product = await catalog.FindProductAsync(gtin, cancellationToken);
        var chain = await ledger.GetChainAsync(StreamKind.Pack, gtin, request.Serial, cancellationToken);

        if (!PackVisibility.MayView(context.Actor, product, chain)) throw notFound;

        var lot = await catalog.FindLotAsync(gtin, pack.Lot, cancellationToken)
            ?? throw new InvalidOperationException($"Lot {pack.Lot} of {gtin} is not stored.");
        // The audit's own checks: links and hashes, then a replay through the lifecycle rules against the stored state.
        var lotChain = await ledger.GetChainAsync(StreamKind.Lot, gtin, pack.Lot, cancellationToken);
        var replayed = await Audit.LedgerReplay.ReplayPackAsync(chain, pack, lotChain, parties, cancellationToken);
        var problems = ChainAuditor.VerifyChain(chain.Select(s => s.Event)).Concat(replayed)
            .Select(v => $"seq {v.Seq}: {v.Problem}").Distinct(StringComparer.Ordinal).ToList();
        var events = chain.Select(s => new EventView(
            s.LogIndex, s.Event.Seq, s.Event.Type.ToString(), s.Event.Actor, s.Event.From, s.Event.To, s.Event.Reason,
            s.Event.OccurredAt, s.Event.RecordedAt, s.Event.PrevHash.ToHex(), s.Event.Hash.ToHex())).ToList();
        return new PackHistory(ScanOutcomes.View(pack, lot, product), events, problems.Count == 0, problems);
    }
}
