using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>The last answer of each witness, by URL, and every answer saved in order.</summary>
public sealed class InMemoryWitnessAnswers : IWitnessAnswers
{
    private readonly Dictionary<string, WitnessAnswer> _last = new(StringComparer.Ordinal);

    public List<WitnessAnswer> Saved { get; } = [];

    public ValueTask<WitnessAnswer?> FindAsync(string url, CancellationToken cancellationToken) => ValueTask.FromResult(_last.GetValueOrDefault(url));

    public ValueTask<IReadOnlyList<WitnessAnswer>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<WitnessAnswer>>([.. _last.Values.OrderBy(a => a.Url, StringComparer.Ordinal)]);

    public ValueTask SaveAsync(WitnessAnswer answer, CancellationToken cancellationToken)
    {
        _last[answer.Url] = answer;
        Saved.Add(answer);
        return ValueTask.CompletedTask;
    }
}
