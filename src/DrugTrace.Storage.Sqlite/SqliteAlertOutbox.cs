using System.Text.Json;
using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Delivers the alert pushes of the <c>alert_outbox</c> table, which the alert store writes in the
/// same transaction as the alert change itself: a raised alert, a repeat count milestone, a status
/// change. Each row is handed to every <see cref="IAlertChangeSink"/> (the web host's push queue)
/// in order, and only then forgotten; a sink that fails is retried with back-off until it takes it
/// (<see cref="AlertChangeDelivery"/>), and rows left by a crash are delivered after the restart.
/// Delivery is at least once: a row delivered but not yet forgotten when the process stops is
/// delivered again.
/// As the store's <see cref="IAlertChangeFeed"/> it is the push source, so the in-process
/// notifications are not pushed as well.
/// </summary>
internal sealed class SqliteAlertOutbox(
    SqliteDatabase db, IEnumerable<IAlertChangeSink> sinks, TimeProvider clock, ILogger<SqliteAlertOutbox> logger)
    : BackgroundService, IAlertChangeFeed
{
    private const int BatchSize = 256;
    internal static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    internal static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private readonly IAlertChangeSink[] _sinks = [.. sinks];
    private long _deliveredUpTo;
    private long _forgottenUpTo;

    public string Description => $"SQLite alert outbox in {db.FilePath}";

    /// <summary>Rows not yet forgotten (delivered rows are removed in batches).</summary>
    public int Pending()
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM alert_outbox";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_sinks.Length == 0)
        {
            logger.LogInformation("No alert change sink is registered: the alert outbox is not delivered");
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = ReadPending();
                if (batch.Count == 0)
                {
                    await db.AlertOutbox.WaitAsync(stoppingToken);
                    continue;
                }
                foreach (var (id, isNew, snapshot) in batch)
                {
                    await DeliverAsync(id, isNew, snapshot, stoppingToken);
                    _deliveredUpTo = id;
                }
                await ForgetDeliveredAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Task PauseAsync(int failures, CancellationToken cancellationToken) => Task.Delay(Backoff(failures), clock, cancellationToken);

    /// <summary>The pause after <paramref name="failures"/> failed deliveries in a row: doubling from <see cref="FirstRetry"/>, capped.</summary>
    internal static TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << Math.Min(failures - 1, 20), MaxRetry.Ticks));

    private List<(long Id, bool IsNew, string Snapshot)> ReadPending()
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, is_new, snapshot FROM alert_outbox WHERE id > $after ORDER BY id LIMIT $take";
        command.Add("$after", _deliveredUpTo).Add("$take", BatchSize);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, bool, string)>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetInt32(1) != 0, reader.GetString(2)));
        return rows;
    }

    /// <summary>Hands one row's alert, as its change left it, to every sink, retrying until each has taken it (or the host stops).</summary>
    private async Task DeliverAsync(long id, bool isNew, string snapshot, CancellationToken cancellationToken)
    {
        Alert? alert;
        try
        {
            alert = JsonSerializer.Deserialize<Alert>(snapshot);
        }
        catch (JsonException ex)
        {
            // Written by this store from an Alert; a row that does not read back (an edited file) cannot be pushed.
            logger.LogError(ex, "Outbox row {Row} does not hold a readable alert; skipped", id);
            return;
        }
        if (alert is null) return;
        await AlertChangeDelivery.DeliverAsync(_sinks, alert, isNew, PauseAsync, logger, cancellationToken);
    }

    private async Task ForgetDeliveredAsync()
    {
        var upTo = _deliveredUpTo;
        if (upTo <= _forgottenUpTo) return;
        try
        {
            await db.Writer.WriteAsync(w => w.Command("DELETE FROM alert_outbox WHERE id <= $id").Add("$id", upTo).ExecuteNonQuery());
            _forgottenUpTo = upTo;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Kept in memory as delivered: they are pushed again only after a restart, and removed with the next batch.
            logger.LogWarning(ex, "Delivered alert pushes up to outbox row {Row} could not be removed yet", upTo);
        }
    }
}
