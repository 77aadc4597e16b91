using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Microsoft.Extensions.Options;

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

    public PackHandoffs(ILedgerStore ledger, ICatalogStore catalog, PartyDirectory parties, IScanLog scanLog, AlertRaiser alerts, TimeProvider clock,
        IOptions<AlertOptions> options)
    {
        _scanLog = scanLog;
        _alerts = alerts;
        _clock = clock;
        _recipients = new RecipientCheck(parties);
        var facts = new ScanFactsReader(ledger, catalog, parties, scanLog, options.Value.CloneWindow);
        _triage = new ScanningErrorTriage(facts);
        _judge = new PackJudge(ledger, facts, _triage);
    }

    public async ValueTask<ScanOutcome> HandleAsync(Party actor, string code, PackCommand command, CancellationToken cancellationToken)
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

        var outcome = judgement.Outcome;
        if (judgement.Findings.Count > 0)
        {
            var subject = new AlertSubject(ActionName(command.Action), code, parsed.Value, judgement.PackGtin ?? parsed.Value?.Gtin.Value,
                judgement.PackSerial ?? parsed.Value?.Serial, actor.Gln, judgement.BrandOwner, judgement.ProbableScanningError, judgement.Custodian);
            outcome = outcome with { Alerts = await _alerts.RaiseAsync(subject, judgement.Findings, cancellationToken) };
        }
        await _scanLog.RecordAsync(new ScanRecord(
            now, actor.Gln, ActionName(command.Action), code, parsed.Value?.Gtin.Value, parsed.Value?.Serial, outcome.Verdict.Name,
            outcome.Alerts.Count == 0 ? null : string.Join(',', outcome.Alerts.Select(a => a.Kind))), cancellationToken);
        return outcome;
    }

    /// <summary>The action's word in the API, the scan log and alerts ("undo-dispense").</summary>
    public static string ActionName(PackAction action) => new WireName<PackAction>(action).Name;
}
