using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Gs1;

namespace DrugTrace.Application.Alerts;

/// <summary>
/// What an alert is about: the scan as received and read, and the pack it concerns.
/// <paramref name="Custodian"/> is the pack's holder, told of a custody exception on it.
/// </summary>
public sealed record AlertSubject(
    AlertAction Action,
    string ScannedCode,
    PackIdentity? Scanned,
    string? PackGtin,
    string? PackSerial,
    string ScanningParty,
    string? BrandOwner,
    bool ProbableScanningError,
    string? Custodian = null);
