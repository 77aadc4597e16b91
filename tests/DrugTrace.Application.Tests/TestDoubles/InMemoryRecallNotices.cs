using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Application.Tests.TestDoubles;

public sealed class InMemoryRecallNotices : IRecallNotices
{
    private readonly Dictionary<(string, string), string> _texts = [];

    public ValueTask SetAsync(string gtin, string lot, string? publicText, CancellationToken cancellationToken)
    {
        if (publicText is null) _texts.Remove((gtin, lot));
        else _texts[(gtin, lot)] = publicText;
        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> FindAsync(string gtin, string lot, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_texts.GetValueOrDefault((gtin, lot)));
}
