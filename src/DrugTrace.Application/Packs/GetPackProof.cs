using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;
using Mediator;

namespace DrugTrace.Application.Packs;

/// <summary>
/// A pack's proof bundle: its events with their hashes and log indexes, each event's inclusion
/// proof, and the latest (cosigned) checkpoint they are proven against, for the offline verifier.
/// Same visibility as the history. Events newer than the checkpoint are left out until the next one.
/// </summary>
public sealed record GetPackProof(string ActorGln, string Gtin, string Serial) : IRequest<PackProof>, IActorRequest;

public sealed record PackProof(string Gtin, string Serial, long CheckpointSize, int Events, int PendingEvents, string Json);

public sealed class GetPackProofValidator : IValidator<GetPackProof>
{
    public IEnumerable<(string Field, string Message)> Validate(GetPackProof request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (Gs1Fields.Set82Error("serial", request.Serial) is { } serial) yield return ("serial", serial);
    }
}

public sealed class GetPackProofHandler(ILedgerStore ledger, ICatalogStore catalog, ICheckpointStore checkpoints, LogTree tree, IActorContext context)
    : IRequestHandler<GetPackProof, PackProof>
{
    public async ValueTask<PackProof> Handle(GetPackProof request, CancellationToken cancellationToken)
    {
        var gtin = Gtin.Parse(request.Gtin).Value;
        var notFound = new NotFoundException($"No pack {request.Serial} of GTIN {gtin} that you may see.");
        _ = await ledger.FindPackAsync(gtin, request.Serial, cancellationToken) ?? throw notFound;
        var product = await catalog.FindProductAsync(gtin, cancellationToken);
        var chain = await ledger.GetChainAsync(StreamKind.Pack, gtin, request.Serial, cancellationToken);
        if (!PackVisibility.MayView(context.Actor, product, chain)) throw notFound;

        var checkpoint = await checkpoints.LatestAsync(cancellationToken);
        var provable = checkpoint is null ? [] : chain.Where(s => s.LogIndex < checkpoint.Size).ToList();
        if (checkpoint is null || provable.Count == 0)
            throw new ConflictException("The log has not signed a checkpoint that holds this pack yet; try again in a few seconds.");
        var entries = new List<ProofBundle.Entry>(provable.Count);
        foreach (var s in provable)
        {
            var (_, proof) = await tree.InclusionAsync(s.LogIndex, checkpoint.Size, cancellationToken);
            entries.Add(new ProofBundle.Entry(s.LogIndex, s.Event, proof));
        }
        var json = ProofBundle.Write(gtin, request.Serial, checkpoint.Note, entries);
        return new PackProof(gtin, request.Serial, checkpoint.Size, entries.Count, chain.Count - entries.Count, json);
    }
}
