namespace DrugTrace.Application.Common.Interfaces;

/// <summary>Pack events across the whole ledger, filtered, in global log order: what EPCIS queries read.</summary>
public interface ILedgerEventQuery
{
    ValueTask<IReadOnlyList<StoredEvent>> QueryAsync(LedgerEventQuery query, CancellationToken cancellationToken);
}
