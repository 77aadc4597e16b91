using System.Collections.Concurrent;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Parties;

/// <summary>
/// Parties read once and kept: every request needs its caller, and messages name the parties
/// a pack passed through (see <see cref="Packs.PartyNames"/>). Parties are only ever added, never changed or removed, so a party
/// once found stays right; unknown GLNs are not cached. Keys are never cached: a revoked key
/// must stop working at once, on every instance.
/// </summary>
public sealed class PartyDirectory(IPartyStore store)
{
    private readonly ConcurrentDictionary<string, Party> _byGln = new(StringComparer.Ordinal);

    public async ValueTask<Party?> FindAsync(string? gln, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(gln)) return null;
        if (_byGln.TryGetValue(gln, out var party)) return party;
        party = await store.FindAsync(gln, cancellationToken);
        if (party is not null) _byGln[gln] = party;
        return party;
    }

    public async ValueTask<Party?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken)
    {
        var party = await store.FindByApiKeyHashAsync(apiKeyHash, cancellationToken);
        if (party is not null) _byGln[party.Gln] = party;
        return party;
    }
}
