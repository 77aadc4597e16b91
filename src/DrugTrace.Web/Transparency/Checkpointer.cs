using DrugTrace.Application.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Transparency;

/// <summary>
/// Signs a new checkpoint every <c>Log:CheckpointInterval</c> when the log grew. A refusal to sign
/// (the stored log disagrees with a signed checkpoint) is logged loudly and retried: the audit
/// names what changed.
/// </summary>
public sealed class Checkpointer(IServiceProvider services, IOptions<LogOptions> options, TimeProvider clock, ILogger<Checkpointer> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Signs now instead of at the next tick (tests, and right after start).</summary>
    public void Nudge() => _signal.Release();

    /// <summary>Raised after each round with the checkpoint signed in it, if any.</summary>
    public event Action<Application.Common.Interfaces.StoredCheckpoint?>? Signed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointInterval <= TimeSpan.Zero ? TimeSpan.FromSeconds(5) : options.Value.CheckpointInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            await RoundAsync(stoppingToken);
            try
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                tick.CancelAfter(interval);
                await _signal.WaitAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The interval passed.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        Application.Common.Interfaces.StoredCheckpoint? signed = null;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var writer = scope.ServiceProvider.GetRequiredService<CheckpointWriter>();
            signed = await writer.SignIfGrownAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (LogIntegrityException ex)
        {
            logger.LogCritical("Not signing a checkpoint: {Problem}", ex.Message);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Signing a checkpoint failed at {Time}; retrying at the next interval", clock.GetUtcNow());
        }
        Signed?.Invoke(signed);
    }
}
