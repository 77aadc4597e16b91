using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Parties;
using Microsoft.Extensions.Time.Testing;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Parties;

/// <summary>Issuing, listing and revoking API keys: who may (<c>KeyOwner</c>: the party itself or a regulator), and what each answers.</summary>
public sealed class KeyOwnerTests
{
    private readonly InMemoryPartyStore _parties = new();
    private readonly FakeTimeProvider _clock = new(Start);

    public KeyOwnerTests() => _parties.Add(Pharmacy, OtherPharmacy, Regulator);

    private ValueTask<IssuedApiKey> IssueAsync(Party actor, string gln) =>
        new IssueApiKeyHandler(_parties, ContextFor(actor), _clock).Handle(new IssueApiKey(actor.Gln, gln), default);

    private ValueTask<IReadOnlyList<PartyKey>> ListAsync(Party actor, string gln) =>
        new ListApiKeysHandler(_parties, ContextFor(actor)).Handle(new ListApiKeys(actor.Gln, gln), default);

    private ValueTask<PartyKey> RevokeAsync(Party actor, string gln, string id) =>
        new RevokeApiKeyHandler(_parties, new PartyDirectory(_parties), ContextFor(actor), _clock).Handle(new RevokeApiKey(actor.Gln, gln, id), default);

    [Fact]
    public async Task A_party_issues_lists_and_revokes_its_own_keys()
    {
        var issued = await IssueAsync(Pharmacy, Pharmacy.Gln);
        Assert.Equal((Pharmacy.Gln, Start), (issued.Gln, issued.CreatedAt));
        Assert.Equal(Pharmacy, await _parties.FindByApiKeyHashAsync(ApiKeys.Hash(issued.ApiKey), default));
        Assert.Contains(await ListAsync(Pharmacy, Pharmacy.Gln), k => k.Id == issued.Id && k.CreatedAt == Start && !k.Revoked);

        _clock.Advance(TimeSpan.FromHours(1));
        var revoked = await RevokeAsync(Pharmacy, Pharmacy.Gln, issued.Id);
        Assert.Equal((issued.Id, Start.AddHours(1)), (revoked.Id, revoked.RevokedAt));
        Assert.Null(await _parties.FindByApiKeyHashAsync(ApiKeys.Hash(issued.ApiKey), default));

        var again = await Assert.ThrowsAsync<NotFoundException>(async () => await RevokeAsync(Pharmacy, Pharmacy.Gln, issued.Id));
        Assert.Equal($"Corner Pharmacy has no active API key with id '{issued.Id}'.", again.Message);
    }

    [Fact]
    public async Task A_regulator_manages_anyones_keys_and_another_party_is_refused_before_the_gln_is_looked_up()
    {
        var issued = await IssueAsync(Regulator, Pharmacy.Gln);
        Assert.Equal(Pharmacy.Gln, issued.Gln);
        Assert.Contains(await ListAsync(Regulator, Pharmacy.Gln), k => k.Id == issued.Id);

        const string forbidden = "A party manages its own API keys; a regulator manages anyone's.";
        Assert.Equal(forbidden, (await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await IssueAsync(OtherPharmacy, Pharmacy.Gln))).Message);
        Assert.Equal(forbidden, (await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await ListAsync(OtherPharmacy, Pharmacy.Gln))).Message);
        Assert.Equal(forbidden, (await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await RevokeAsync(OtherPharmacy, Pharmacy.Gln, issued.Id))).Message);
        // A GLN nobody has: forbidden to a party (it learns nothing), not found to a regulator.
        Assert.Equal(forbidden, (await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await ListAsync(OtherPharmacy, UnknownGln))).Message);
        Assert.Equal($"No party with GLN {UnknownGln} is registered.",
            (await Assert.ThrowsAsync<NotFoundException>(async () => await ListAsync(Regulator, UnknownGln))).Message);
        Assert.False((await ListAsync(Pharmacy, Pharmacy.Gln)).Single(k => k.Id == issued.Id).Revoked);
    }

    [Fact]
    public async Task A_malformed_gln_is_named()
    {
        var bad = await Assert.ThrowsAsync<ValidationException>(async () => await ListAsync(Regulator, "4012347000015"));
        Assert.Equal(["gln"], bad.Errors.Keys);
        // Read as a GLN before comparing: the party's own GLN with spaces around it is its own.
        Assert.Equal(Pharmacy.Gln, (await IssueAsync(Pharmacy, $" {Pharmacy.Gln} ")).Gln);
    }
}
