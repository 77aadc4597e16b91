using System.Threading.Channels;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// An auto-reset signal: any number of pokes while nobody waits wake the next wait once, and a
/// poke is never lost between a reader's "nothing pending" and its wait.
/// </summary>
internal sealed class OutboxSignal
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _pokes.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken) => await _pokes.Reader.ReadAsync(cancellationToken);
}
