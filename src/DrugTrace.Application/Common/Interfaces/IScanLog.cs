namespace DrugTrace.Application.Common.Interfaces;

/// <summary>Every scan is recorded, verifications included, whether or not it changed the pack.</summary>
public interface IScanLog
{
    ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken);

    /// <summary>
    /// How many scans were recorded in each UTC hour from <paramref name="since"/> on: the start of
    /// the hour and its count, only for hours that had scans, in any order.
    /// </summary>
    ValueTask<IReadOnlyList<(DateTimeOffset Hour, int Count)>> CountPerHourAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Who scanned one pack (as read: GTIN and serial) from <paramref name="since"/> on: each party once, with
    /// the time of its latest scan that was not a shipping scan (a shipping scan says the pack left that party),
    /// newest first. Parties whose only scans shipped the pack are not listed.
    /// </summary>
    ValueTask<IReadOnlyList<ScanSighting>> SightingsOfPackAsync(string gtin, string serial, DateTimeOffset since, CancellationToken cancellationToken);
}
