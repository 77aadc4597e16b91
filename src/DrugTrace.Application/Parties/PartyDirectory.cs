using System.Collections.Concurrent;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Parties;

/// <summary>
/// Parties read once and kept: every request needs its caller, and messages name the parties
/// a pack passed through (see <see cref="Packs.PartyNames"/>). Parties are only ever added, never changed or removed, so a party
/// once found stays right; unknown GLNs are not cached.
/// A key found valid is kept for <see cref="KeyLifetime"/> at most, so that every API request does not
/// read the key table: a revocation through this instance forgets every kept key at once (the next
/// request with it is refused); another instance sharing the store refuses it within that lifetime.
/// Wrong keys are never kept.
/// </summary>
public sealed class PartyDirectory(IPartyStore store, TimeProvider? clock = null)
{
    /// <summary>How long another instance may still accept a key revoked elsewhere.</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Party> _byGln = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Party Party, DateTimeOffset Until)> _byKeyHash = new(StringComparer.Ordinal);
    private long _keyGeneration;

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
        var now = _clock.GetUtcNow();
        if (_byKeyHash.TryGetValue(apiKeyHash, out var kept) && kept.Until > now) return kept.Party;
        var generation = Interlocked.Read(ref _keyGeneration);
        var party = await store.FindByApiKeyHashAsync(apiKeyHash, cancellationToken);
        if (party is null)
        {
            _byKeyHash.TryRemove(apiKeyHash, out _);
            return null;
        }
        _byGln[party.Gln] = party;
        lock (_byKeyHash)
        {
            // A revocation while the key was read may have been missed by that read: keep nothing then.
            if (generation == _keyGeneration) _byKeyHash[apiKeyHash] = (party, now + KeyLifetime);
        }
        return party;
    }

    /// <summary>After a key was revoked: forget every kept key, so the next request with it reads the store.</summary>
    public void ForgetKeys()
    {
        lock (_byKeyHash)
        {
            _keyGeneration++;
            _byKeyHash.Clear();
        }
    }
}
