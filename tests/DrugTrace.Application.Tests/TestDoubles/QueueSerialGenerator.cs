using DrugTrace.Application.Lots;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>Hands out the given serials first, then falls back to the real random generator.</summary>
public sealed class QueueSerialGenerator(params string[] first) : ISerialGenerator
{
    private readonly Queue<string> _first = new(first);
    private readonly RandomSerialGenerator _random = new();

    public int Calls { get; private set; }

    public string Next()
    {
        Calls++;
        return _first.TryDequeue(out var serial) ? serial : _random.Next();
    }
}
