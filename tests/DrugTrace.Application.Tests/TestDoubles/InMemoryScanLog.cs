using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Tests.TestDoubles;

public sealed class InMemoryScanLog : IScanLog
{
    private readonly List<ScanRecord> _scans = [];

    public IReadOnlyList<ScanRecord> Scans => _scans;

    /// <summary>When set, every record fails with it (a full or broken scan log).</summary>
    public Exception? FailWith { get; set; }

    public int Failures { get; private set; }

    public ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
        {
            Failures++;
            return ValueTask.FromException(failure);
        }
        _scans.Add(scan);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<ScanSighting>> SightingsOfPackAsync(string gtin, string serial, DateTimeOffset since, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ScanSighting>>([.. _scans
            .Where(s => s.Gtin == gtin && s.Serial == serial && s.At >= since && s.Action != new WireName<PackAction>(PackAction.Ship))
            .Reverse().DistinctBy(s => s.Actor).Select(s => new ScanSighting(s.Actor, s.At))]);

    public ValueTask<IReadOnlyList<(DateTimeOffset Hour, int Count)>> CountPerHourAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<(DateTimeOffset, int)>>([.. _scans.Where(s => s.At >= since)
            .GroupBy(s => new DateTimeOffset(s.At.UtcDateTime.Year, s.At.UtcDateTime.Month, s.At.UtcDateTime.Day, s.At.UtcDateTime.Hour, 0, 0, TimeSpan.Zero))
            .Select(g => (g.Key, g.Count()))]);
}
