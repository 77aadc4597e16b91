using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Alerts;

/// <summary>
/// Stores the alerts of a scan (folding repeats into a count) and, once committed, tells the
/// live feed. A storm of one bad pack is one alert whose count is pushed at 2, 10, 100, ...
/// rather than one push per scan. The push never fails the scan: the alert is committed by then,
/// and a store with a change feed (<see cref="IAlertChangeFeed"/>: SQLite's outbox, MongoDB's change
/// stream) delivers it from what it committed, retrying until it is delivered.
/// </summary>
public sealed class AlertRaiser(IAlertStore store, IPublisher publisher, IOptions<AlertOptions> options, TimeProvider clock,
    ILogger<AlertRaiser>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<AlertRaiser>.Instance;

    public async ValueTask<IReadOnlyList<AlertView>> RaiseAsync(AlertSubject subject, IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var views = new List<AlertView>(findings.Count);
        foreach (var finding in findings)
        {
            var severity = subject.ProbableScanningError ? Severity.Low : finding.Severity;
            var candidate = new Alert
            {
                Kind = finding.Kind,
                Severity = severity,
                ReasonCode = AlertCatalog.EuReasonCode(finding.Kind),
                Message = finding.Message,
                Action = subject.Action,
                ScannedCode = subject.ScannedCode,
                ScannedGtin = subject.Scanned?.Gtin.Value,
                ScannedSerial = subject.Scanned?.Serial,
                ScannedLot = subject.Scanned?.Lot,
                ScannedExpiry = subject.Scanned?.Expiry,
                PackGtin = subject.PackGtin,
                PackSerial = subject.PackSerial,
                ScanningParty = subject.ScanningParty,
                BrandOwner = subject.BrandOwner,
                // Only the exception goes to the holder: the other alerts concern the scanning party's own conduct.
                Custodian = finding.Kind == AlertKind.CustodyException ? subject.Custodian : null,
                ProbableScanningError = subject.ProbableScanningError,
                RaisedAt = now,
                LastSeenAt = now,
            };
            // The push must not be lost if the caller gives up after the commit.
            var (stored, isNew) = await store.RaiseAsync(candidate, options.Value.DedupeWindow, ct);
            if (isNew) await PublishAsync(new AlertRaised(stored), stored.Id);
            else if (AlertMilestones.IsMilestone(stored.Count)) await PublishAsync(new AlertUpdated(stored), stored.Id);
            views.Add(new AlertView(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), finding.Kind.ToString(),
                severity.ToString().ToLowerInvariant(), finding.Message, stored.Count, stored.ProbableScanningError));
        }
        return views;
    }

    private async ValueTask PublishAsync(INotification notification, long alertId)
    {
        try
        {
            await publisher.Publish((object)notification, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Alert {Id} is stored, but its in-process notification failed", alertId);
        }
    }
}
