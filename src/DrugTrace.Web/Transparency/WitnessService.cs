using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Transparency;

/// <summary>
/// Submits each new checkpoint to every witness of <c>Log:Witnesses</c>, on its own loop: appends
/// never wait for a witness. A witness that is down or refuses is retried with exponential
/// backoff (1 s doubling to 5 min); the others go on.
/// </summary>
public sealed class WitnessService(IServiceProvider services, IOptions<LogOptions> options, Checkpointer checkpointer, TimeProvider clock, ILogger<WitnessService> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Raised after each submission to one witness (tests wait on it).</summary>
    public event Action<WitnessEndpoint, SubmissionResult>? Submitted;

    public void Nudge() => _signal.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var witnesses = options.Value.Witnesses.Select(w => (Endpoint: w, Key: NoteVerifier.Parse(w.Key), Failures: 0, Next: DateTimeOffset.MinValue)).ToArray();
        if (witnesses.Length == 0) return;
        checkpointer.Signed += OnSigned;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = options.Value.CheckpointInterval <= TimeSpan.Zero ? TimeSpan.FromSeconds(5) : options.Value.CheckpointInterval;
                for (var i = 0; i < witnesses.Length; i++)
                {
                    var now = clock.GetUtcNow();
                    if (witnesses[i].Next > now)
                    {
                        if (witnesses[i].Next - now < wait) wait = witnesses[i].Next - now;
                        continue;
                    }
                    var result = await SubmitAsync(witnesses[i].Endpoint, witnesses[i].Key, stoppingToken);
                    if (stoppingToken.IsCancellationRequested) return;
                    if (result is SubmissionResult.Cosigned or SubmissionResult.AlreadyCosigned)
                        witnesses[i] = witnesses[i] with { Failures = 0, Next = DateTimeOffset.MinValue };
                    else
                    {
                        var failures = witnesses[i].Failures + 1;
                        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 20))));
                        witnesses[i] = witnesses[i] with { Failures = failures, Next = clock.GetUtcNow() + backoff };
                        if (backoff < wait) wait = backoff;
                    }
                    Submitted?.Invoke(witnesses[i].Endpoint, result);
                }
                try
                {
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    tick.CancelAfter(wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait);
                    await _signal.WaitAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Time for the next round.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            checkpointer.Signed -= OnSigned;
        }
    }

    private void OnSigned(StoredCheckpoint? signed)
    {
        if (signed is not null) Nudge();
    }

    private async Task<SubmissionResult> SubmitAsync(WitnessEndpoint witness, NoteVerifier key, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<WitnessSubmitter>().SubmitAsync(witness, key, stoppingToken);
            if (result == SubmissionResult.Refused) logger.LogCritical("Witness {Witness} refused the log's checkpoint; see the IntegrityViolation alert", key.Name);
            return result;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return SubmissionResult.Unreachable;
        }
        catch (Exception ex)
        {
            // A store hiccup must not end the loop: the next round tries again.
            logger.LogError(ex, "Submitting the checkpoint to witness {Witness} failed", key.Name);
            return SubmissionResult.Unreachable;
        }
    }
}
