using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Packs;

/// <summary>
/// What every scan use case shares: read the code (<see cref="ScanCodeReader"/>), judge it
/// (<see cref="PackJudge"/>, re-judged after a lost race by <see cref="LostRaceRetry"/>), raise
/// the alerts and log the scan. An unreadable code of a genuine pack is a probable scanning error
/// (<see cref="ScanningErrorTriage"/>).
/// Once a handoff's event has committed, the answer reports it whatever fails afterwards: the
/// alerts are then only logged if they cannot be stored, and the scan log is best-effort for
/// every scan. An answer of "nothing was changed" after a commit would make the party scan again,
/// and a repeated dispense is an AlreadyInactive alert against itself.
/// </summary>
public sealed class PackHandoffs
{
    private readonly IScanLog _scanLog;
    private readonly AlertRaiser _alerts;
    private readonly TimeProvider _clock;
    private readonly RecipientCheck _recipients;
    private readonly ScanningErrorTriage _triage;
    private readonly PackJudge _judge;
    private readonly ILogger _logger;

    public PackHandoffs(ILedgerStore ledger, ICatalogStore catalog, PartyDirectory parties, IScanLog scanLog, AlertRaiser alerts, TimeProvider clock,
        IOptions<AlertOptions> options, ILogger<PackHandoffs>? logger = null)
    {
        _logger = logger ?? NullLogger<PackHandoffs>.Instance;
        _scanLog = scanLog;
        _alerts = alerts;
        _clock = clock;
        _recipients = new RecipientCheck(parties);
        var facts = new ScanFactsReader(ledger, catalog, parties, scanLog, options.Value.CloneWindow);
        _triage = new ScanningErrorTriage(facts);
        _judge = new PackJudge(ledger, facts, _triage);
    }

    /// <summary>How long a scan may wait in a browser's offline queue before it must be scanned again.</summary>
    public static readonly TimeSpan MaxQueuedAge = TimeSpan.FromDays(7);

    /// <summary>A device's clock may run this much ahead of the server's.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A scan, made now or, when <paramref name="scannedAt"/> is given, earlier (queued while the server
    /// could not be reached): the event then records when the scan was made, and the time it reached the
    /// ledger beside it.
    /// </summary>
    public ValueTask<ScanOutcome> HandleScanAsync(Party actor, string code, PackCommand command, DateTimeOffset? scannedAt, CancellationToken cancellationToken)
    {
        if (scannedAt is { } at)
        {
            var now = _clock.GetUtcNow();
            if (at > now + ClockSkew)
                throw new ValidationException("scannedAt", $"The scan time {at:yyyy-MM-dd HH:mm:ss}Z is in the future; check the scanning device's clock.");
            if (at < now - MaxQueuedAge)
                throw new ValidationException("scannedAt", $"The scan was queued more than {MaxQueuedAge.TotalDays:0} days ago; scan the pack again.");
            command = command with { OccurredAt = at };
        }
        return HandleAsync(actor, code, command, cancellationToken);
    }

    public async ValueTask<ScanOutcome> HandleAsync(Party actor, string code, PackCommand command, CancellationToken cancellationToken) =>
        await ReportAsync(actor, await JudgeAsync(actor, code, command, cancellationToken), cancellationToken);

    /// <summary>
    /// Reads and judges the scan, appending its event if accepted, but raises no alert and logs
    /// nothing yet (<see cref="ReportAsync"/> does): an EPCIS capture judges all its events on a
    /// draft of the ledger first and reports only what it then stores or refuses.
    /// </summary>
    public async ValueTask<JudgedScan> JudgeAsync(Party actor, string code, PackCommand command, CancellationToken cancellationToken)
    {
        var now = EventHasher.TruncateToMilliseconds(_clock.GetUtcNow());
        var parsed = ScanCodeReader.Parse(code, DateOnly.FromDateTime(now.UtcDateTime));

        Judgement judgement;
        if (!parsed.IsSuccess)
        {
            // An unreadable code may still be a genuine pack that the scanner garbled.
            judgement = await _triage.TryAsync(actor, code, null, AlertKind.UnknownSerial, now, cancellationToken)
                ?? throw new ValidationException("code", parsed.Error.Message);
        }
        else
        {
            if (command.Action == PackAction.Ship)
                await _recipients.CheckAsync(command.To, cancellationToken);
            judgement = await LostRaceRetry.RunAsync(() => _judge.TryOnceAsync(actor, code, parsed.Value, command, now, cancellationToken));
        }
        return new JudgedScan(code, command, now, parsed.IsSuccess ? parsed.Value : null, judgement);
    }

    /// <summary>Raises the judgement's alerts and logs the scan; the outcome with the alerts as stored.</summary>
    public async ValueTask<ScanOutcome> ReportAsync(Party actor, JudgedScan scan, CancellationToken cancellationToken)
    {
        var (code, command, now, parsed, judgement) = scan;
        var outcome = judgement.Outcome;
        if (judgement.Findings.Count > 0)
        {
            var subject = new AlertSubject(command.Action, code, parsed, judgement.PackGtin ?? parsed?.Gtin.Value,
                judgement.PackSerial ?? parsed?.Serial, actor.Gln, judgement.BrandOwner, judgement.ProbableScanningError, judgement.Custodian);
            outcome = outcome with { Alerts = await RaiseAsync(subject, judgement, outcome, cancellationToken) };
        }
        await RecordAsync(new ScanRecord(
            now, actor.Gln, command.Action, code, parsed?.Gtin.Value, parsed?.Serial, outcome.Verdict.Name,
            outcome.Alerts.Count == 0 ? null : string.Join(',', outcome.Alerts.Select(a => a.Kind))));
        return outcome;
    }

    private async ValueTask<IReadOnlyList<AlertView>> RaiseAsync(AlertSubject subject, Judgement judgement, ScanOutcome outcome, CancellationToken ct)
    {
        // Without a committed event the alert is what this scan stores: if it cannot be, the error
        // (503 and "nothing was stored") is the truth, and scanning again raises it.
        if (outcome.Event is null) return await _alerts.RaiseAsync(subject, judgement.Findings, ct);
        try
        {
            return await _alerts.RaiseAsync(subject, judgement.Findings, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Event {Seq} of pack {Gtin}/{Serial} committed, but its alerts ({Kinds}) could not be stored",
                outcome.Event.Seq, subject.PackGtin, subject.PackSerial, string.Join(',', judgement.Findings.Select(f => f.Kind)));
            return [.. judgement.Findings.Select(f => new AlertView(null, f.Kind.ToString(),
                (subject.ProbableScanningError ? Severity.Low : f.Severity).ToString().ToLowerInvariant(), f.Message))];
        }
    }

    // Best-effort: the scan's outcome is decided (and maybe committed) already; a log that cannot
    // be written must not turn it into an error. Not cancelled with the request for the same reason.
    private async ValueTask RecordAsync(ScanRecord scan)
    {
        try
        {
            await _scanLog.RecordAsync(scan, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "The scan log could not record a {Action} scan by {Actor} (verdict {Verdict}); the scan itself stands",
                scan.Action, scan.Actor, scan.Verdict);
        }
    }

    /// <summary>The action's word in the API, the scan log and alerts ("undo-dispense").</summary>
    public static string ActionName(PackAction action) => new WireName<PackAction>(action).Name;
}

