using DrugTrace.Application.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Multi-instance alert push. Every instance watches a change stream on the alerts collection and
/// hands each alert raised or updated, on any instance, to this instance's <see cref="IAlertChangeSink"/>
/// (the web host's push queue: SignalR groups and Blazor components).
///
/// The stream is the only push source when MongoDB is the store: this class is also registered as
/// <see cref="IAlertChangeFeed"/>, and the web host's handler of the in-process AlertRaised /
/// AlertUpdated notifications does nothing while a feed is registered. So an alert raised on
/// instance A reaches A's clients once (through A's stream) and B's clients once (through B's stream),
/// and never twice. The price is the stream's latency (milliseconds on a healthy replica set)
/// instead of an in-memory hand-off.
///
/// The resume token of the last change handled is kept: after an error (a failover, a network cut)
/// the stream is reopened after it with exponential back-off, so nothing committed meanwhile is
/// missed while the oplog still holds it. If the oplog has moved past it, the stream starts afresh
/// and listeners catch up with GET /api/v1/alerts?since= as they do after any disconnection.
/// The token lives in memory: a restarted instance starts from "now", like a new listener.
/// </summary>
internal sealed class AlertChangeStreamWatcher(
    MongoContext db, IEnumerable<IAlertChangeSink> sinks, ILogger<AlertChangeStreamWatcher> logger) : BackgroundService, IAlertChangeFeed
{
    /// <summary>The server's "resume point no longer in the oplog" (ChangeStreamHistoryLost) and the older fatal error.</summary>
    private static readonly HashSet<int> HistoryLost = [286, 280];

    private readonly IAlertChangeSink[] _sinks = [.. sinks];

    public string Description => $"MongoDB change stream on {db.Options.Database}.{MongoContext.Alerts}";

    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where the stream resumes after an error; null before the first change.</summary>
    public BsonDocument? ResumeToken { get; private set; }

    /// <summary>Completes once the stream is first open: every change committed after that is seen.</summary>
    public Task Opened => _opened.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_sinks.Length == 0)
        {
            logger.LogInformation("No alert change sink is registered: the alert change stream is not watched");
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WatchAsync(() => failures = 0, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (MongoCommandException ex) when (HistoryLost.Contains(ex.Code))
            {
                logger.LogWarning(ex, "The alert change stream cannot resume (the oplog moved on); starting afresh. Listeners catch up with ?since=");
                ResumeToken = null;
            }
            catch (Exception ex)
            {
                failures++;
                logger.LogError(ex, "The alert change stream failed (failure {Failures}); reopening it after a pause", failures);
            }
            try
            {
                await Task.Delay(MongoRetryPolicy.Ceiling(Math.Max(failures, 1), TimeSpan.FromMilliseconds(250), db.Options.MaxWatchBackoff), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WatchAsync(Action connected, CancellationToken stoppingToken)
    {
        await db.EnsureReadyAsync(stoppingToken);
        var options = new ChangeStreamOptions
        {
            FullDocument = ChangeStreamFullDocumentOption.UpdateLookup,
            ResumeAfter = ResumeToken,
            MaxAwaitTime = TimeSpan.FromSeconds(5),
        };
        using var cursor = await db.RawAlertCollection.WatchAsync(MongoQueries.AlertChanges, options, stoppingToken);
        connected();
        _opened.TrySetResult();
        logger.LogInformation("Watching {Feed}", Description);
        while (await cursor.MoveNextAsync(stoppingToken))
        {
            foreach (var change in cursor.Current)
            {
                // An alert this version cannot read is logged and passed over: the token still moves past it.
                if (AlertChangeReader.Read(change, logger) is { } push)
                    await HandAsync(push.Alert, push.IsNew, stoppingToken);
                ResumeToken = change.ResumeToken;
            }
            // The post-batch token moves on even through batches of changes that were not pushed.
            ResumeToken = cursor.GetResumeToken() ?? ResumeToken;
        }
    }

    private async Task HandAsync(Domain.Alerts.Alert alert, bool isNew, CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.AcceptAsync(alert, isNew, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One sink failing must neither stop the stream nor replay the change to the others.
                logger.LogError(ex, "Alert change sink {Sink} failed on alert {Id}", sink.GetType().Name, alert.Id);
            }
        }
    }
}
