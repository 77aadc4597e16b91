using DrugTrace.Application.Common.Wire;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Alerts;

/// <summary>
/// An alert as the API, the hub and the UI show it. <see cref="NotificationDue"/>: by when a
/// confirmed illegitimate product must be notified (24 hours after its alert was raised).
/// </summary>
public sealed record AlertDto(
    long Id,
    string Kind,
    string Severity,
    string? ReasonCode,
    string Message,
    string Action,
    string ScannedCode,
    string? ScannedGtin,
    string? ScannedSerial,
    string? ScannedLot,
    DateOnly? ScannedExpiry,
    string? PackGtin,
    string? PackSerial,
    string ScanningParty,
    string? BrandOwner,
    bool ProbableScanningError,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastSeenAt,
    int Count,
    WireName<AlertStatus> Status,
    string? Resolution,
    int Version,
    IReadOnlyList<AlertChangeDto> History,
    DateTimeOffset? NotificationDue = null)
{
    public static AlertDto From(Alert a) => new(
        a.Id, a.Kind.ToString(), AlertText.Severity(a.Severity), a.ReasonCode, a.Message, AlertActionNames.Name(a.Action), a.ScannedCode,
        a.ScannedGtin, a.ScannedSerial, a.ScannedLot, a.ScannedExpiry, a.PackGtin, a.PackSerial, a.ScanningParty, a.BrandOwner,
        a.ProbableScanningError, a.RaisedAt, a.LastSeenAt, a.Count, a.Status,
        a.Resolution is { } r ? AlertText.Resolution(r) : null, a.Version,
        [.. a.History.Select(h => new AlertChangeDto(h.At, h.By, h.Status, h.Resolution is { } hr ? AlertText.Resolution(hr) : null, h.Note))],
        AlertCatalog.NotificationDue(a.Kind, a.RaisedAt));

    /// <summary>
    /// The alert as <paramref name="viewer"/> may read it: regulators and the brand owner read the
    /// investigation's notes; the scanning party, the one being investigated, does not.
    /// </summary>
    public static AlertDto For(Party viewer, Alert a) => ReadsNotes(viewer.Role, viewer.Gln, a) ? From(a) : From(a).WithoutNotes();

    public static bool ReadsNotes(PartyRole role, string gln, Alert a) => role == PartyRole.Regulator || gln == a.BrandOwner;

    /// <summary>The alert with its history but without the regulator's notes, for the party being investigated.</summary>
    public AlertDto WithoutNotes() =>
        History.Any(h => h.Note is not null) ? this with { History = [.. History.Select(h => h with { Note = null })] } : this;
}

public sealed record AlertChangeDto(DateTimeOffset At, string By, WireName<AlertStatus> Status, string? Resolution, string? Note);
