using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Tests.TestDoubles;

public sealed class InMemoryPartyStore : IPartyStore
{
    private readonly Dictionary<string, Party> _parties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _glnByKeyHash = new(StringComparer.Ordinal);

    public ValueTask<Party?> FindAsync(string gln, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_parties.GetValueOrDefault(gln));

    public ValueTask<Party?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_glnByKeyHash.TryGetValue(apiKeyHash, out var gln) ? _parties[gln] : null);

    public ValueTask<IReadOnlyList<Party>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Party>>([.. _parties.Values.OrderBy(p => p.Gln, StringComparer.Ordinal)]);

    private readonly Dictionary<string, IReadOnlyList<string>> _prefixes = new(StringComparer.Ordinal);
    private readonly List<(string Gln, string Id, string Hash, PartyKey Key)> _keys = [];

    public ValueTask AddAsync(Party party, string? apiKeyHash, IReadOnlyList<string> companyPrefixes, CancellationToken cancellationToken)
    {
        if (_parties.ContainsKey(party.Gln) || (apiKeyHash is not null && _glnByKeyHash.ContainsKey(apiKeyHash)))
            throw new ConflictException($"A party with GLN {party.Gln} (or the same API key) is already registered.");
        _parties.Add(party.Gln, party);
        _prefixes[party.Gln] = companyPrefixes;
        if (apiKeyHash is not null)
        {
            _glnByKeyHash.Add(apiKeyHash, party.Gln);
            _keys.Add((party.Gln, IPartyStore.FirstKeyId, apiKeyHash, new PartyKey(IPartyStore.FirstKeyId, DateTimeOffset.UnixEpoch, null)));
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<string>> CompanyPrefixesAsync(string gln, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_prefixes.GetValueOrDefault(gln) ?? []);

    public ValueTask AddKeyAsync(string gln, string keyId, string apiKeyHash, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        if (!_parties.ContainsKey(gln) || _glnByKeyHash.ContainsKey(apiKeyHash) || _keys.Any(k => k.Gln == gln && k.Id == keyId))
            throw new ConflictException($"Party {gln} is not registered, or already has a key with id {keyId}.");
        _glnByKeyHash.Add(apiKeyHash, gln);
        _keys.Add((gln, keyId, apiKeyHash, new PartyKey(keyId, createdAt, null)));
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RevokeKeyAsync(string gln, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        var i = _keys.FindIndex(k => k.Gln == gln && k.Id == keyId && !k.Key.Revoked);
        if (i < 0) return ValueTask.FromResult(false);
        _glnByKeyHash.Remove(_keys[i].Hash);
        _keys[i] = _keys[i] with { Key = _keys[i].Key with { RevokedAt = revokedAt } };
        return ValueTask.FromResult(true);
    }

    public ValueTask<IReadOnlyList<PartyKey>> ListKeysAsync(string gln, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PartyKey>>([.. _keys.Where(k => k.Gln == gln).Select(k => k.Key)]);

    /// <summary>Sets a party's GS1 company prefixes.</summary>
    public void SetPrefixes(string gln, params string[] prefixes) => _prefixes[gln] = prefixes;

    public void Add(params Party[] parties)
    {
        foreach (var party in parties) _parties.Add(party.Gln, party);
    }
}
