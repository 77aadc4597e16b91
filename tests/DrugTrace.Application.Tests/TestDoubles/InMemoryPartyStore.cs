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

    public ValueTask AddAsync(Party party, string? apiKeyHash, CancellationToken cancellationToken)
    {
        if (_parties.ContainsKey(party.Gln) || (apiKeyHash is not null && _glnByKeyHash.ContainsKey(apiKeyHash)))
            throw new ConflictException($"A party with GLN {party.Gln} (or the same API key) is already registered.");
        _parties.Add(party.Gln, party);
        if (apiKeyHash is not null) _glnByKeyHash.Add(apiKeyHash, party.Gln);
        return ValueTask.CompletedTask;
    }

    public void Add(params Party[] parties)
    {
        foreach (var party in parties) _parties.Add(party.Gln, party);
    }
}
