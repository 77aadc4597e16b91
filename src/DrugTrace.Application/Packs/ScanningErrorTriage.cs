using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Packs;

/// <summary>
/// Tells a scanner's garbling from a counterfeit: tries the known garblings of a code and, if
/// exactly one of them is a genuine pack as labelled, reports a probable scanning error about it.
/// </summary>
public sealed class ScanningErrorTriage(ScanFactsReader facts)
{
    // The alert kinds that scanners cause more often than counterfeiters do.
    private static readonly AlertKind[] Triaged = [AlertKind.UnknownSerial, AlertKind.LotMismatch, AlertKind.ExpiryMismatch];

    /// <summary>Whether any of these findings is one a scanner could have caused.</summary>
    public static bool Applies(IReadOnlyList<Finding> findings) => findings.Any(f => Triaged.Contains(f.Kind));

    /// <summary>
    /// The probable scanning error about the one genuine pack <paramref name="code"/> was meant to be,
    /// raised as <paramref name="kind"/>; null when none or several fit. <paramref name="scanned"/>
    /// (the code as read, if it could be) is not a correction of itself.
    /// </summary>
    public async ValueTask<Judgement?> TryAsync(Party actor, string code, PackIdentity? scanned, AlertKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        (CorrectedScan Candidate, PackFacts Found)? match = null;
        foreach (var candidate in ScanCorrections.Candidates(code, today))
        {
            if (scanned is not null && candidate.Pack.Gtin == scanned.Gtin && candidate.Pack.Serial == scanned.Serial
                && candidate.Pack.Lot == scanned.Lot && candidate.Pack.Expiry == scanned.Expiry) continue;
            var found = await facts.ReadAsync(actor, candidate.Pack, PackAction.Verify, now, ct);
            var pack = found.Facts.Pack;
            if (pack is null || AlertRules.CheckAuthenticity(found.Facts).Count > 0) continue;
            if (match is { } first && (first.Found.Facts.Pack!.Gtin, first.Found.Facts.Pack.Serial) != (pack.Gtin, pack.Serial))
                return null; // Two genuine packs fit: no safe guess.
            match ??= (candidate, found);
        }
        return match is { } m ? ScanningError(m.Candidate, m.Found, kind) : null;
    }

    private static Judgement ScanningError(CorrectedScan candidate, PackFacts found, AlertKind kind)
    {
        var pack = found.Facts.Pack!;
        var product = found.Facts.ProductName;
        var message = $"Probable scanning error: {ScanCorrections.Explain(candidate.Correction)}. "
            + $"This is most likely the genuine pack {pack.Serial} of {product} (lot {pack.Lot}); fix the scanner and scan it again.";
        var outcome = new ScanOutcome(ScanVerdict.Alert, message,
            HolderDisclosure.View(ScanOutcomes.View(pack, found.Facts.Lot!, product), found.Facts, found.BrandOwner), [], null);
        return new Judgement(outcome, [new Finding(kind, message)], pack.Gtin, pack.Serial, found.BrandOwner, ProbableScanningError: true);
    }
}
