using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>The witness's records in a dictionary, with the store contract's compare-and-set.</summary>
public sealed class InMemoryWitnessStore : IWitnessStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WitnessedCheckpoint> _logs = new(StringComparer.Ordinal);

    /// <summary>Runs just before a replace compares: another request that slips in between.</summary>
    public Action<InMemoryWitnessStore>? BeforeReplace { get; set; }

    public ValueTask<WitnessedCheckpoint?> FindAsync(string origin, CancellationToken cancellationToken)
    {
        lock (_gate) return ValueTask.FromResult(_logs.GetValueOrDefault(origin));
    }

    public ValueTask<IReadOnlyList<WitnessedCheckpoint>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return ValueTask.FromResult<IReadOnlyList<WitnessedCheckpoint>>([.. _logs.Values.OrderBy(l => l.Origin, StringComparer.Ordinal)]);
    }

    public ValueTask<bool> ReplaceAsync(WitnessedCheckpoint? expected, WitnessedCheckpoint next, CancellationToken cancellationToken)
    {
        var hook = BeforeReplace;
        BeforeReplace = null;
        hook?.Invoke(this);
        lock (_gate)
        {
            var current = _logs.GetValueOrDefault(next.Origin);
            var matches = expected is null ? current is null : current is not null && current.Size == expected.Size && current.Root == expected.Root;
            if (!matches) return ValueTask.FromResult(false);
            _logs[next.Origin] = next;
            return ValueTask.FromResult(true);
        }
    }

    public void Put(WitnessedCheckpoint checkpoint)
    {
        lock (_gate) _logs[checkpoint.Origin] = checkpoint;
    }
}
