using DrugTrace.Application.Alerts;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Tests.Infrastructure;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Web.Tests.Components.Pages.Alerts;

/// <summary>Alerts for component tests, and a small store behind the fake ListAlerts that filters like the real one.</summary>
public sealed class AlertSamples
{
    public const string RegulatorGln = "4012349000012";
    public static readonly DateTimeOffset At = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public List<Alert> Stored { get; } = [];

    public static Alert Make(long id, AlertKind kind = AlertKind.UnknownSerial, Severity severity = Severity.Critical,
        string scanningParty = Demo.PharmacyGln, bool scanningError = false, int count = 1,
        AlertStatus status = AlertStatus.Open, int version = 0) => new()
        {
            Id = id,
            Kind = kind,
            Severity = scanningError ? Severity.Low : severity,
            ReasonCode = AlertCatalog.EuReasonCode(kind),
            Message = $"Alert {id}: serial SN{id} was never commissioned.",
            Action = PackAction.Verify,
            ScannedCode = $"0104012345000115\u001d21SN{id}",
            ScannedGtin = "04012345000115",
            ScannedSerial = $"SN{id}",
            ScannedLot = "AMX24A17",
            ScannedExpiry = new DateOnly(2029, 12, 31),
            PackGtin = scanningError ? "04012345000115" : null,
            PackSerial = scanningError ? $"sn{id}" : null,
            ScanningParty = scanningParty,
            BrandOwner = Demo.ManufacturerGln,
            ProbableScanningError = scanningError,
            RaisedAt = At.AddMinutes(id),
            LastSeenAt = At.AddMinutes(id),
            Count = count,
            Status = status,
            Version = version,
        };

    /// <summary>Answers ListAlerts and ListParties from <see cref="Stored"/>.</summary>
    public AlertSamples Serve(FakeUseCases useCases)
    {
        useCases.On<ListParties>(_ => (IReadOnlyList<Party>)
        [
            new Party(Demo.ManufacturerGln, "Helvetia Pharma AG", PartyRole.Manufacturer),
            new Party(Demo.PharmacyGln, "Linden-Apotheke", PartyRole.Pharmacy),
            new Party(Demo.OtherPharmacyGln, "Harbour Street Pharmacy", PartyRole.Pharmacy),
            new Party(RegulatorGln, "NMVA", PartyRole.Regulator),
        ]);
        useCases.On<ListAlerts>(r =>
        {
            lock (Stored)
            {
                var q = Stored.Where(a => (r.ScanningErrors || !a.ProbableScanningError)
                    && (r.CustodyExceptions is null || (a.Kind == AlertKind.CustodyException) == r.CustodyExceptions)
                    && (r.Kind is null || a.Kind == r.Kind)
                    && (r.Severity is null || a.Severity == r.Severity)
                    && (r.Status is null || a.Status == r.Status)
                    && (r.Party is null || a.ScanningParty == r.Party)
                    && (r.Since is null || a.Id > r.Since));
                q = r.Since is null ? q.OrderByDescending(a => a.Id) : q.OrderBy(a => a.Id);
                return (IReadOnlyList<AlertDto>)[.. q.Skip(r.Skip).Take(r.Take).Select(AlertDto.From)];
            }
        });
        return this;
    }

    public Alert Add(Alert alert)
    {
        lock (Stored)
        {
            Stored.RemoveAll(a => a.Id == alert.Id);
            Stored.Add(alert);
        }
        return alert;
    }
}
