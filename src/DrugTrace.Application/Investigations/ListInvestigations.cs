using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Investigations;

/// <summary>
/// The packs under investigation: those the caller quarantined (it may release or confirm them), or, for a
/// regulator, every quarantined pack. Newest quarantine first, with the reason recorded in its chain.
/// </summary>
public sealed record ListInvestigations(string ActorGln) : IRequest<IReadOnlyList<InvestigationView>>, IActorRequest
{
    public const int MaxItems = 200;
}

/// <summary>One quarantined pack: what it is, since when, who set it aside and why, and the code that scans it.</summary>
public sealed record InvestigationView(
    string Gtin, string Serial, string Lot, DateOnly Expiry, string? ProductName, DateTimeOffset Since, string QuarantinedBy, string? Reason,
    string HeldFrom, string Code);

public sealed class ListInvestigationsHandler(ICustodyQueries custody, ILedgerStore ledger, ICatalogStore catalog, IPartyStore parties, IActorContext context)
    : IRequestHandler<ListInvestigations, IReadOnlyList<InvestigationView>>
{
    public async ValueTask<IReadOnlyList<InvestigationView>> Handle(ListInvestigations request, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        var packs = await custody.ListQuarantinedAsync(actor.Role == PartyRole.Regulator ? null : actor.Gln, ListInvestigations.MaxItems, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var products = new Dictionary<string, string?>(StringComparer.Ordinal);
        var items = new List<InvestigationView>(packs.Count);
        foreach (var pack in packs)
        {
            if (!names.TryGetValue(pack.ChangedBy, out var by))
                names[pack.ChangedBy] = by = (await parties.FindAsync(pack.ChangedBy, cancellationToken)) is { } p ? PartyNames.Format(p) : pack.ChangedBy;
            if (!products.TryGetValue(pack.Gtin, out var product))
                products[pack.Gtin] = product = (await catalog.FindProductAsync(pack.Gtin, cancellationToken))?.Name;
            // The quarantine is the pack's last event: its reason is the head's.
            var chain = await ledger.GetChainAsync(StreamKind.Pack, pack.Gtin, pack.Serial, cancellationToken);
            var held = chain.LastOrDefault(s => s.Event.Type == EventType.Quarantined)?.Event;
            items.Add(new InvestigationView(pack.Gtin, pack.Serial, pack.Lot, pack.Expiry, product, pack.ChangedAt, by, held?.Reason,
                PackLifecycle.DescribeStatus(pack.HeldFrom ?? PackStatus.Active), Code(pack)));
        }
        return items;
    }

    /// <summary>The bracketed GS1 form a release or confirmation scans.</summary>
    public static string Code(PackState pack) =>
        $"(01){pack.Gtin}(17){pack.Expiry.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture)}(10){pack.Lot}(21){pack.Serial}";
}
