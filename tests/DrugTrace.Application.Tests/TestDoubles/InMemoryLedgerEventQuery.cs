using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>
/// Pack events of the in-memory ledger in log order, after a log index and by pack filters, <see cref="LedgerEventQuery.Take"/>
/// at a time; every query is kept, so a test can see what the handler asked the store for (visibility, times and actor are
/// the store contract's, tested there, and only recorded here).
/// </summary>
public sealed class InMemoryLedgerEventQuery(InMemoryLedgerStore ledger) : ILedgerEventQuery
{
    public List<LedgerEventQuery> Queries { get; } = [];

    public ValueTask<IReadOnlyList<StoredEvent>> QueryAsync(LedgerEventQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return ValueTask.FromResult<IReadOnlyList<StoredEvent>>([.. ledger.Log
            .Where(s => s.Event.Stream == StreamKind.Pack && (query.AfterLogIndex is not { } after || s.LogIndex > after))
            .Where(s => query.Packs.Count == 0 || query.Packs.Any(p => p.Gtin == s.Event.Gtin && (p.Serial is null || p.Serial == s.Event.Key)))
            .Take(query.Take)]);
    }
}
