using System.Threading.RateLimiting;

namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// Per-address limits on guessing: failed API keys (<c>Security:FailedApiKeysPerMinute</c>, default 20) and
/// sign-in attempts (<c>Security:SignInAttemptsPerMinute</c>, default 10; each costs ~135 ms of CPU for
/// the password hash). The address is the real client's when a trusted proxy forwards it.
/// </summary>
public sealed class AttemptLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failedKeys;
    private readonly PartitionedRateLimiter<string> _signIns;

    public AttemptLimits(IConfiguration configuration)
    {
        _failedKeys = PerAddress(configuration.GetValue("Security:FailedApiKeysPerMinute", 20));
        _signIns = PerAddress(configuration.GetValue("Security:SignInAttemptsPerMinute", 10));
    }

    /// <summary>Counts a failed API key; null while the address may go on, else how long it must wait.</summary>
    public TimeSpan? FailedApiKey(HttpContext context) => Take(_failedKeys, context);

    /// <summary>Counts a sign-in attempt; null while the address may go on, else how long it must wait.</summary>
    public TimeSpan? SignInAttempt(HttpContext context) => Take(_signIns, context);

    private static TimeSpan? Take(PartitionedRateLimiter<string> limiter, HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    private static PartitionedRateLimiter<string> PerAddress(int permitsPerMinute) =>
        PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permitsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>Whole seconds, at least one, for a Retry-After header.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _failedKeys.Dispose();
        _signIns.Dispose();
    }
}
