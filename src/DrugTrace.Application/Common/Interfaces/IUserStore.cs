namespace DrugTrace.Application.Common.Interfaces;

/// <summary>People who sign in to the browser UI, each acting for one party.</summary>
public interface IUserStore
{
    /// <summary>The account with this user name (case-insensitive), or null.</summary>
    ValueTask<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Adds an account; throws <see cref="Exceptions.ConflictException"/> if the user name is taken.</summary>
    ValueTask AddAsync(UserAccount user, CancellationToken cancellationToken);

    /// <summary>Replaces a stored hash (after the hasher asks for a rehash).</summary>
    ValueTask UpdatePasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken);

    ValueTask<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Counts a wrong password, atomically. At the <paramref name="maxFailures"/>-th the account is locked
    /// until <paramref name="lockUntil"/> and the count starts again; returns the account as it is now.
    /// </summary>
    ValueTask<UserAccount?> RecordFailedSignInAsync(string userName, int maxFailures, DateTimeOffset lockUntil, CancellationToken cancellationToken);

    /// <summary>After a sign-in: no failures, no lock.</summary>
    ValueTask ResetFailedSignInsAsync(string userName, CancellationToken cancellationToken);
}
