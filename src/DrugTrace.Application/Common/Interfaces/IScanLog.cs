namespace DrugTrace.Application.Common.Interfaces;

/// <summary>Every scan is recorded, verifications included, whether or not it changed the pack.</summary>
public interface IScanLog
{
    ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken);
}
