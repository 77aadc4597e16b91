using System.Threading.Channels;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Web.Alerts;

/// <summary>Committed alerts waiting to be pushed. Unbounded: a storm is de-duplicated before it gets here.</summary>
public sealed class AlertQueue
{
    private readonly Channel<(Alert Alert, bool IsNew)> _channel =
        Channel.CreateUnbounded<(Alert, bool)>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Alert alert, bool isNew) => _channel.Writer.TryWrite((alert, isNew));

    public IAsyncEnumerable<(Alert Alert, bool IsNew)> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);
}
