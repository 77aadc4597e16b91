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

namespace DrugTrace.Application.Packs;

/// <summary>
/// What every scan use case shares: read the code (<see cref="ScanCodeReader"/>), judge it
/// (<see cref="PackJudge"/>, re-judged after a lost race by <see cref="LostRaceRetry"/>), raise
/// the alerts and log the scan. An unreadable code of a genuine pack is a probable scanning error
/// (<see cref="ScanningErrorTriage"/>).
/// </summary>
public sealed class PackHandoffs
{
    private readonly IScanLog _scanLog;
    private readonly AlertRaiser _alerts;
    private readonly TimeProvider _clock;
    private readonly RecipientCheck _recipients;
    private readonly ScanningErrorTriage _triage;
    private readonly PackJudge _judge;

    public PackHandoffs(ILedgerStore ledger, ICatalogStore catalog, PartyDirectory parties, IScanLog scanLog, AlertRaiser alerts, TimeProvider clock)
    {
        _scanLog = scanLog;
        _alerts = alerts;
        _clock = clock;
        _recipients = new RecipientCheck(parties);
        var facts = new ScanFactsReader(ledger, catalog, parties);
        _triage = new ScanningErrorTriage(facts);
        _judge = new PackJudge(ledger, facts, _triage);
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
            var subject = new AlertSubject(ActionName(command.Action), code, parsed, judgement.PackGtin ?? parsed?.Gtin.Value,
                judgement.PackSerial ?? parsed?.Serial, actor.Gln, judgement.BrandOwner, judgement.ProbableScanningError);
            outcome = outcome with { Alerts = await _alerts.RaiseAsync(subject, judgement.Findings, cancellationToken) };
        }
        await _scanLog.RecordAsync(new ScanRecord(
            now, actor.Gln, ActionName(command.Action), code, parsed?.Gtin.Value, parsed?.Serial, outcome.Verdict.Name,
            outcome.Alerts.Count == 0 ? null : string.Join(',', outcome.Alerts.Select(a => a.Kind))), cancellationToken);
        return outcome;
    }

    /// <summary>The action's word in the API, the scan log and alerts ("undo-dispense").</summary>
    public static string ActionName(PackAction action) => new WireName<PackAction>(action).Name;
}

