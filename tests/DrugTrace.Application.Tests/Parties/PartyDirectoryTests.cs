using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Parties;
using Microsoft.Extensions.Time.Testing;

namespace DrugTrace.Application.Tests.Parties;

/// <summary>API keys found valid are kept for a few seconds; a revocation ends that at once on this instance.</summary>
public class PartyDirectoryTests
{
    private static readonly Party Linden = new("4012347000014", "Linden", PartyRole.Pharmacy);
    private readonly InMemoryPartyStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly PartyDirectory _directory;

    public PartyDirectoryTests() => _directory = new PartyDirectory(_store, _clock);

    private async Task<string> AddLindenAsync()
    {
        await _store.AddAsync(Linden, "hash-1", [], default);
        Assert.Equal(Linden, await _directory.FindByApiKeyHashAsync("hash-1", default));
        return "hash-1";
    }

    [Fact]
    public async Task A_party_registered_after_a_lookup_of_its_GLN_missed_is_found_then()
    {
        Assert.Null(await _directory.FindAsync(Linden.Gln, default));
        await _store.AddAsync(Linden, "hash-1", [], default);

        Assert.Equal(Linden, await _directory.FindAsync(Linden.Gln, default));
    }

    [Fact]
    public async Task A_key_revoked_through_the_use_case_is_refused_on_the_next_lookup()
    {
        var hash = await AddLindenAsync();
        var handler = new RevokeApiKeyHandler(_store, _directory, TestWorld.ContextFor(Linden), _clock);

        await handler.Handle(new RevokeApiKey(Linden.Gln, Linden.Gln, "k1"), default);

        Assert.Null(await _directory.FindByApiKeyHashAsync(hash, default));
    }

    [Fact]
    public async Task A_key_revoked_by_another_instance_is_refused_once_its_kept_lifetime_is_over()
    {
        var hash = await AddLindenAsync();
        // Another instance revokes it in the shared store: this one does not hear of it.
        Assert.True(await _store.RevokeKeyAsync(Linden.Gln, "k1", _clock.GetUtcNow(), default));

        _clock.Advance(PartyDirectory.KeyLifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(Linden, await _directory.FindByApiKeyHashAsync(hash, default));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await _directory.FindByApiKeyHashAsync(hash, default));
    }

    [Fact]
    public async Task A_wrong_key_is_not_kept_and_a_key_added_after_it_was_tried_is_accepted()
    {
        Assert.Null(await _directory.FindByApiKeyHashAsync("hash-1", default));
        await AddLindenAsync();
        Assert.Equal(Linden, await _directory.FindAsync(Linden.Gln, default));
    }

    [Fact]
    public async Task A_key_read_while_the_keys_were_forgotten_is_not_kept()
    {
        await _store.AddAsync(Linden, "hash-1", [], default);
        var slow = new SlowKeyReads(_store);
        var directory = new PartyDirectory(slow, _clock);

        var racing = directory.FindByApiKeyHashAsync("hash-1", default).AsTask();
        await slow.Reading.Task;
        directory.ForgetKeys(); // a revocation lands while the key is being read
        slow.Release.SetResult();
        Assert.Equal(Linden, await racing);

        // The racing read kept nothing: the next lookup reads the store again.
        Assert.Equal(Linden, await directory.FindByApiKeyHashAsync("hash-1", default));
        Assert.Equal(2, slow.KeyReads);
    }

    /// <summary>A party store whose first key read waits until the test releases it.</summary>
    private sealed class SlowKeyReads(InMemoryPartyStore inner) : IPartyStore
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int KeyReads { get; private set; }

        public async ValueTask<Party?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken)
        {
            if (++KeyReads == 1)
            {
                Reading.SetResult();
                await Release.Task;
            }
            return await inner.FindByApiKeyHashAsync(apiKeyHash, cancellationToken);
        }

        public ValueTask<Party?> FindAsync(string gln, CancellationToken cancellationToken) => inner.FindAsync(gln, cancellationToken);
        public ValueTask<IReadOnlyList<Party>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);
        public ValueTask AddAsync(Party party, string? apiKeyHash, IReadOnlyList<string> companyPrefixes, CancellationToken cancellationToken) =>
            inner.AddAsync(party, apiKeyHash, companyPrefixes, cancellationToken);
        public ValueTask<IReadOnlyList<string>> CompanyPrefixesAsync(string gln, CancellationToken cancellationToken) => inner.CompanyPrefixesAsync(gln, cancellationToken);
        public ValueTask AddKeyAsync(string gln, string keyId, string apiKeyHash, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
            inner.AddKeyAsync(gln, keyId, apiKeyHash, createdAt, cancellationToken);
        public ValueTask<bool> RevokeKeyAsync(string gln, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
            inner.RevokeKeyAsync(gln, keyId, revokedAt, cancellationToken);
        public ValueTask<IReadOnlyList<PartyKey>> ListKeysAsync(string gln, CancellationToken cancellationToken) => inner.ListKeysAsync(gln, cancellationToken);
    }
}
