using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Application.Tests.TestDoubles;

public sealed class InMemoryScanLog : IScanLog
{
    private readonly List<ScanRecord> _scans = [];

    public IReadOnlyList<ScanRecord> Scans => _scans;

    public ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken)
    {
        _scans.Add(scan);
        return ValueTask.CompletedTask;
    }
}
