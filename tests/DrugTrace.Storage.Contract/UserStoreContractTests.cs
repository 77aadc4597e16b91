using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Storage.Contract;

/// <summary>
/// What every store's sign-in accounts must do (the seed loader and the sign-in page rely on it).
/// A store's test class derives from this and supplies fresh, empty ports; see
/// <see cref="LedgerStoreContractTests"/> for how a store without its server skips.
/// </summary>
public abstract class UserStoreContractTests
{
    private const string Pharmacy = "4012347000014";

    protected abstract IPartyStore Parties { get; }
    protected abstract IUserStore Users { get; }

    protected virtual void RequireStore()
    {
    }

    [SkippableFact]
    public async Task An_account_is_found_by_its_name_in_any_case_and_its_hash_can_be_replaced()
    {
        RequireStore();
        await Parties.AddAsync(new Party(Pharmacy, "Linden-Apotheke", PartyRole.Pharmacy), null, default);
        Assert.Equal(0, await Users.CountAsync(default));
        var linden = new UserAccount("Linden", "Anna Linden", Pharmacy, "hash-1");
        await Users.AddAsync(linden, default);

        Assert.Equal(linden, await Users.FindAsync("Linden", default));
        Assert.Equal(linden, await Users.FindAsync("LINDEN", default));
        Assert.Equal(linden, await Users.FindAsync(" linden ", default));
        Assert.Null(await Users.FindAsync("linden2", default));

        await Users.UpdatePasswordHashAsync("linden", "hash-2", default);
        Assert.Equal("hash-2", (await Users.FindAsync("Linden", default))!.PasswordHash);
        Assert.Equal(1, await Users.CountAsync(default));
    }

    [SkippableFact]
    public async Task A_taken_name_in_another_case_or_an_unknown_party_is_a_conflict_and_stores_nothing()
    {
        RequireStore();
        await Parties.AddAsync(new Party(Pharmacy, "Linden-Apotheke", PartyRole.Pharmacy), null, default);
        await Users.AddAsync(new UserAccount("linden", "Anna Linden", Pharmacy, "hash-1"), default);

        await Assert.ThrowsAsync<ConflictException>(() => Users.AddAsync(new UserAccount("LINDEN", "Someone else", Pharmacy, "hash-x"), default).AsTask());
        await Assert.ThrowsAsync<ConflictException>(() => Users.AddAsync(new UserAccount("ghost", "Nobody", "4012349000012", "hash-y"), default).AsTask());
        Assert.Equal(1, await Users.CountAsync(default));
        Assert.Equal("Anna Linden", (await Users.FindAsync("linden", default))!.DisplayName);
        Assert.Null(await Users.FindAsync("ghost", default));
    }
}
