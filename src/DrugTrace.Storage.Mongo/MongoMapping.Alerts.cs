using DrugTrace.Application.Common.Wire;
using DrugTrace.Domain.Alerts;
using DrugTrace.Storage.Mongo.Documents;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoMapping
{
    public static AlertDocument ToDocument(Alert a, long id) => new()
    {
        Id = id,
        Kind = a.Kind.ToString(),
        Severity = (int)a.Severity,
        ReasonCode = a.ReasonCode,
        Message = a.Message,
        Action = AlertActionNames.Name(a.Action),
        ScannedCode = a.ScannedCode,
        ScannedGtin = a.ScannedGtin,
        ScannedSerial = a.ScannedSerial,
        ScannedLot = a.ScannedLot,
        ScannedExpiry = NullableDate(a.ScannedExpiry),
        PackGtin = a.PackGtin,
        PackSerial = a.PackSerial,
        ScanningParty = a.ScanningParty,
        BrandOwner = a.BrandOwner,
        Custodian = a.Custodian,
        ProbableScanningError = a.ProbableScanningError,
        RaisedAt = Utc(a.RaisedAt),
        LastSeenAt = Utc(a.LastSeenAt),
        Count = a.Count,
        Status = a.Status.ToString(),
        Resolution = a.Resolution?.ToString(),
        Version = a.Version,
        DedupeKey = a.DedupeKey,
        History = [.. a.History.Select(ToDocument)],
    };

    public static Alert ToAlert(AlertDocument d) => new()
    {
        Id = d.Id,
        Kind = StoredEnum.Parse<AlertKind>(d.Kind, "alert kind"),
        Severity = (Severity)d.Severity,
        ReasonCode = d.ReasonCode,
        Message = d.Message,
        Action = StoredWord.AlertAction(d.Action),
        ScannedCode = d.ScannedCode,
        ScannedGtin = d.ScannedGtin,
        ScannedSerial = d.ScannedSerial,
        ScannedLot = d.ScannedLot,
        ScannedExpiry = NullableDate(d.ScannedExpiry),
        PackGtin = d.PackGtin,
        PackSerial = d.PackSerial,
        ScanningParty = d.ScanningParty,
        BrandOwner = d.BrandOwner,
        Custodian = d.Custodian,
        ProbableScanningError = d.ProbableScanningError,
        RaisedAt = Time(d.RaisedAt),
        LastSeenAt = Time(d.LastSeenAt),
        Count = d.Count,
        Status = StoredEnum.Parse<AlertStatus>(d.Status, "alert status"),
        Resolution = StoredEnum.ParseNullable<AlertResolution>(d.Resolution, "alert resolution"),
        Version = d.Version,
        History = [.. d.History.Select(ToChange)],
    };

    public static AlertChangeDocument ToDocument(AlertChange c) => new()
    {
        At = Utc(c.At),
        By = c.By,
        Status = c.Status.ToString(),
        Resolution = c.Resolution?.ToString(),
        Note = c.Note,
    };

    public static AlertChange ToChange(AlertChangeDocument d) =>
        new(Time(d.At), d.By, StoredEnum.Parse<AlertStatus>(d.Status, "alert status"), StoredEnum.ParseNullable<AlertResolution>(d.Resolution, "alert resolution"), d.Note);
}
