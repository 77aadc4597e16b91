using System.Threading.Channels;
using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>Collects what an instance's change stream hands over, as the web host's push queue would receive it.</summary>
internal sealed class RecordingSink : IAlertChangeSink
{
    private readonly Channel<(Alert Alert, bool IsNew)> _received = Channel.CreateUnbounded<(Alert, bool)>();

    public ValueTask AcceptAsync(Alert alert, bool isNew, CancellationToken cancellationToken) =>
        _received.Writer.WriteAsync((alert, isNew), cancellationToken);

    public async Task<(Alert Alert, bool IsNew)> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(cts.Token);
    }

    public bool TryTake(out (Alert Alert, bool IsNew) item) => _received.Reader.TryRead(out item);
}
