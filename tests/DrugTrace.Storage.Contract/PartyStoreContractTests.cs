using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Storage.Contract;

/// <summary>
/// What every store's parties and API keys must do (sign-in by key, key rotation, the GTIN prefix
/// check). A store's test class derives from this and supplies a fresh, empty store; see
/// <see cref="LedgerStoreContractTests"/> for how a store without its server skips.
/// </summary>
public abstract class PartyStoreContractTests
{
    protected static readonly Party Maker = new("4012345000016", "Acme Pharma", PartyRole.Manufacturer);
    protected static readonly Party Pharmacy = new("4055555000018", "Corner Pharmacy", PartyRole.Pharmacy);
    private static readonly Party OtherPharmacy = new("4055555000025", "Apple Tree Pharmacy", PartyRole.Pharmacy);
    private static readonly Party Wholesaler = new("4098765000010", "Big Wholesale", PartyRole.Wholesaler);
    private static readonly Party Regulator = new("4000000000013", "Medicines Agency", PartyRole.Regulator);
    private static readonly DateTimeOffset Later = new(2099, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    protected abstract IPartyStore Parties { get; }

    protected virtual void RequireStore()
    {
    }

    [SkippableFact]
    public async Task A_party_is_found_by_its_gln_and_by_its_key_with_its_company_prefixes()
    {
        RequireStore();
        await Parties.AddAsync(Maker, "hash-maker", ["4012345", "4012346"], default);
        await Parties.AddAsync(Pharmacy, null, default);

        Assert.Equal(Maker, await Parties.FindAsync(Maker.Gln, default));
        Assert.Equal(Pharmacy, await Parties.FindAsync(Pharmacy.Gln, default));
        Assert.Null(await Parties.FindAsync("4012345000023", default));
        Assert.Equal(Maker, await Parties.FindByApiKeyHashAsync("hash-maker", default));
        Assert.Null(await Parties.FindByApiKeyHashAsync("hash-other", default));
        Assert.Equal(["4012345", "4012346"], await Parties.CompanyPrefixesAsync(Maker.Gln, default));
        Assert.Empty(await Parties.CompanyPrefixesAsync(Pharmacy.Gln, default));
        Assert.Empty(await Parties.CompanyPrefixesAsync("4012345000023", default));
        Assert.Equal([IPartyStore.FirstKeyId], (await Parties.ListKeysAsync(Maker.Gln, default)).Select(k => k.Id));
        Assert.Empty(await Parties.ListKeysAsync(Pharmacy.Gln, default));
    }

    [SkippableFact]
    public async Task Parties_are_listed_by_role_then_name()
    {
        RequireStore();
        Assert.Empty(await Parties.ListAsync(default));
        foreach (var party in new[] { Wholesaler, Pharmacy, Regulator, Maker, OtherPharmacy })
            await Parties.AddAsync(party, null, default);
        Assert.Equal([Maker, OtherPharmacy, Pharmacy, Regulator, Wholesaler], await Parties.ListAsync(default));
    }

    [SkippableFact]
    public async Task A_taken_gln_or_key_is_a_conflict_and_changes_nothing()
    {
        RequireStore();
        await Parties.AddAsync(Maker, "hash-maker", ["4012345"], default);

        var sameGln = await Assert.ThrowsAsync<ConflictException>(() =>
            Parties.AddAsync(Maker with { Name = "Someone Else" }, "hash-new", ["4099999"], default).AsTask());
        Assert.Equal($"A party with GLN {Maker.Gln} (or the same API key) is already registered.", sameGln.Message);
        await Assert.ThrowsAsync<ConflictException>(() => Parties.AddAsync(Pharmacy, "hash-maker", default).AsTask());

        Assert.Equal(Maker, await Parties.FindAsync(Maker.Gln, default));
        Assert.Null(await Parties.FindAsync(Pharmacy.Gln, default));
        Assert.Null(await Parties.FindByApiKeyHashAsync("hash-new", default));
        Assert.Equal(["4012345"], await Parties.CompanyPrefixesAsync(Maker.Gln, default));
    }

    [SkippableFact]
    public async Task A_second_key_signs_in_beside_the_first_until_one_is_revoked()
    {
        RequireStore();
        await Parties.AddAsync(Maker, "hash-1", default);
        await Parties.AddKeyAsync(Maker.Gln, "k2", "hash-2", Later, default);

        Assert.Equal(Maker, await Parties.FindByApiKeyHashAsync("hash-1", default));
        Assert.Equal(Maker, await Parties.FindByApiKeyHashAsync("hash-2", default));
        var keys = await Parties.ListKeysAsync(Maker.Gln, default);
        Assert.Equal([IPartyStore.FirstKeyId, "k2"], keys.Select(k => k.Id));
        Assert.Equal(new PartyKey("k2", Later, null), keys[1]);
        Assert.Null(keys[0].RevokedAt);

        Assert.True(await Parties.RevokeKeyAsync(Maker.Gln, IPartyStore.FirstKeyId, Later.AddHours(1), default));
        Assert.Null(await Parties.FindByApiKeyHashAsync("hash-1", default));
        Assert.Equal(Maker, await Parties.FindByApiKeyHashAsync("hash-2", default));
        keys = await Parties.ListKeysAsync(Maker.Gln, default);
        Assert.Equal(Later.AddHours(1), keys.Single(k => k.Id == IPartyStore.FirstKeyId).RevokedAt);
        Assert.Null(keys.Single(k => k.Id == "k2").RevokedAt);
    }

    [SkippableFact]
    public async Task Revoking_a_revoked_unknown_or_other_partys_key_does_nothing()
    {
        RequireStore();
        await Parties.AddAsync(Maker, "hash-1", default);
        await Parties.AddAsync(Pharmacy, "hash-p", default);

        Assert.False(await Parties.RevokeKeyAsync(Maker.Gln, "k9", Later, default));
        Assert.False(await Parties.RevokeKeyAsync("4012345000023", IPartyStore.FirstKeyId, Later, default));
        Assert.True(await Parties.RevokeKeyAsync(Maker.Gln, IPartyStore.FirstKeyId, Later, default));
        Assert.False(await Parties.RevokeKeyAsync(Maker.Gln, IPartyStore.FirstKeyId, Later.AddDays(1), default));

        Assert.Equal(Later, Assert.Single(await Parties.ListKeysAsync(Maker.Gln, default)).RevokedAt);
        Assert.Equal(Pharmacy, await Parties.FindByApiKeyHashAsync("hash-p", default));
    }

    [SkippableFact]
    public async Task A_key_with_an_id_the_party_already_has_is_a_conflict_and_the_first_key_still_signs_in()
    {
        RequireStore();
        await Parties.AddAsync(Maker, "hash-1", default);
        await Parties.AddKeyAsync(Maker.Gln, "k2", "hash-2", Later, default);

        foreach (var (id, hash) in new[] { (IPartyStore.FirstKeyId, "hash-3"), ("k2", "hash-4") })
        {
            var taken = await Assert.ThrowsAsync<ConflictException>(() => Parties.AddKeyAsync(Maker.Gln, id, hash, Later.AddHours(1), default).AsTask());
            Assert.Contains($"already has a key with id {id}", taken.Message);
            Assert.Null(await Parties.FindByApiKeyHashAsync(hash, default));
        }
        Assert.Equal(Maker, await Parties.FindByApiKeyHashAsync("hash-1", default));
        Assert.Equal(Maker, await Parties.FindByApiKeyHashAsync("hash-2", default));
        Assert.Equal([IPartyStore.FirstKeyId, "k2"], (await Parties.ListKeysAsync(Maker.Gln, default)).Select(k => k.Id));
    }

    [SkippableFact]
    public async Task A_key_for_an_unknown_party_or_with_a_taken_hash_is_a_conflict()
    {
        RequireStore();
        await Parties.AddAsync(Maker, "hash-1", default);
        await Parties.AddAsync(Pharmacy, "hash-p", default);

        await Assert.ThrowsAsync<ConflictException>(() => Parties.AddKeyAsync("4012345000023", "k2", "hash-x", Later, default).AsTask());
        await Assert.ThrowsAsync<ConflictException>(() => Parties.AddKeyAsync(Maker.Gln, "k2", "hash-p", Later, default).AsTask());

        Assert.Single(await Parties.ListKeysAsync(Maker.Gln, default));
        Assert.Null(await Parties.FindByApiKeyHashAsync("hash-x", default));
        Assert.Equal(Pharmacy, await Parties.FindByApiKeyHashAsync("hash-p", default));
    }
}
