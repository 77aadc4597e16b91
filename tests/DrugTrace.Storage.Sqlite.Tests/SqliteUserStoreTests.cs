using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The user store contract against a fresh SQLite file per test, and SQLite's counting of wrong sign-ins.</summary>
public sealed class SqliteUserStoreTests : UserStoreContractTests, IAsyncLifetime
{
    private const string Pharmacy = "4012347000014";
    private static readonly DateTimeOffset LockUntil = new(2026, 11, 25, 10, 15, 0, 456, TimeSpan.Zero);
    private readonly SqliteTestStore _store = new("drugtrace-users-");

    protected override IPartyStore Parties => _store.Get<IPartyStore>();
    protected override IUserStore Users => _store.Get<IUserStore>();

    private async Task AddLindenAsync()
    {
        await Parties.AddAsync(new Party(Pharmacy, "Linden-Apotheke", PartyRole.Pharmacy), null, default);
        await Users.AddAsync(new UserAccount("Linden", "Anna Linden", Pharmacy, "hash-1"), default);
    }

    [Fact]
    public async Task Wrong_sign_ins_are_counted_and_the_last_allowed_one_locks_the_account_and_restarts_the_count()
    {
        await AddLindenAsync();

        Assert.Equal((1, (DateTimeOffset?)null), Failures(await Users.RecordFailedSignInAsync(" linden ", 3, LockUntil, default)));
        Assert.Equal((2, (DateTimeOffset?)null), Failures(await Users.RecordFailedSignInAsync("LINDEN", 3, LockUntil, default)));
        Assert.Equal((2, (DateTimeOffset?)null), Failures(await Users.FindAsync("Linden", default)));

        var locked = await Users.RecordFailedSignInAsync("Linden", 3, LockUntil, default);

        Assert.Equal((0, (DateTimeOffset?)LockUntil), Failures(locked));
        Assert.Equal(("Linden", "Anna Linden", Pharmacy, "hash-1"), (locked!.UserName, locked.DisplayName, locked.PartyGln, locked.PasswordHash));
        Assert.Equal(locked, await Users.FindAsync("Linden", default));
    }

    [Fact]
    public async Task A_wrong_sign_in_of_an_unknown_user_is_null_and_stores_nothing()
    {
        await AddLindenAsync();
        Assert.Null(await Users.RecordFailedSignInAsync("nobody", 3, LockUntil, default));
        Assert.Equal((0, (DateTimeOffset?)null), Failures(await Users.FindAsync("Linden", default)));
        Assert.Equal(1, await Users.CountAsync(default));
    }

    [Fact]
    public async Task A_reset_clears_the_count_and_the_lock_of_that_user_only()
    {
        await AddLindenAsync();
        await Users.AddAsync(new UserAccount("Other", "Otto Other", Pharmacy, "hash-2"), default);
        await Users.RecordFailedSignInAsync("Linden", 1, LockUntil, default);
        await Users.RecordFailedSignInAsync("Linden", 5, LockUntil, default);
        await Users.RecordFailedSignInAsync("Other", 5, LockUntil, default);
        Assert.Equal((1, (DateTimeOffset?)LockUntil), Failures(await Users.FindAsync("Linden", default)));

        await Users.ResetFailedSignInsAsync(" LINDEN ", default);

        Assert.Equal((0, (DateTimeOffset?)null), Failures(await Users.FindAsync("Linden", default)));
        Assert.Equal((1, (DateTimeOffset?)null), Failures(await Users.FindAsync("Other", default)));
    }

    private static (int FailedSignIns, DateTimeOffset? LockedUntil) Failures(UserAccount? account)
    {
        Assert.NotNull(account);
        return (account.FailedSignIns, account.LockedUntil);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
