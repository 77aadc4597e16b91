using DrugTrace.Application.Lots;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>Hands out the given serials first, then falls back to the real random generator.</summary>
public sealed class QueueSerialGenerator(params string[] first) : ISerialGenerator
{
    private readonly Queue<string> _first = new(first);
    private readonly RandomSerialGenerator _random = new();

    public int Calls { get; private set; }

    public Func<string> ForLot()
    {
        var random = _random.ForLot();
        return () =>
        {
            Calls++;
            return _first.TryDequeue(out var serial) ? serial : random();
        };
    }
}
