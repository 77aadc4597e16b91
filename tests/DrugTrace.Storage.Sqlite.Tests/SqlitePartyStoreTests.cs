using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The party store contract against a fresh SQLite file per test.</summary>
public sealed class SqlitePartyStoreTests : PartyStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-parties-");

    protected override IPartyStore Parties => _store.Get<IPartyStore>();

    [Fact]
    public async Task A_second_key_with_a_taken_id_is_a_conflict_and_the_first_key_still_signs_in()
    {
        await Parties.AddAsync(Maker, "hash-1", default);
        var taken = await Assert.ThrowsAsync<ConflictException>(() =>
            Parties.AddKeyAsync(Maker.Gln, IPartyStore.FirstKeyId, "hash-2", DateTimeOffset.UnixEpoch, default).AsTask());
        Assert.Equal($"Party {Maker.Gln} is not registered, or already has a key with id {IPartyStore.FirstKeyId}.", taken.Message);
        Assert.Equal(Maker, await Parties.FindByApiKeyHashAsync("hash-1", default));
        Assert.Null(await Parties.FindByApiKeyHashAsync("hash-2", default));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
