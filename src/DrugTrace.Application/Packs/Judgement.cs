using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Packs;

/// <summary>
/// A scan's outcome, the findings to raise as alerts, and whom they concern. A probable scanning
/// error concerns the genuine pack it was most likely meant to be, not the code as scanned.
/// </summary>
public sealed record Judgement(
    ScanOutcome Outcome,
    IReadOnlyList<Finding> Findings,
    string? PackGtin,
    string? PackSerial,
    string? BrandOwner,
    bool ProbableScanningError)
{
    /// <summary>The pack's holder, told of a custody exception this judgement raises.</summary>
    public string? Custodian { get; init; }

    /// <summary>An outcome about the scanned pack itself.</summary>
    public static Judgement Of(ScanOutcome outcome, IReadOnlyList<Finding> findings, string? brandOwner) =>
        new(outcome, findings, null, null, brandOwner, ProbableScanningError: false);

    /// <summary>An alert outcome whose findings are raised as alerts on the scanned pack.</summary>
    public static Judgement Flagged(PackView? pack, IReadOnlyList<Finding> findings, string? brandOwner) =>
        Of(ScanOutcomes.Flag(pack, findings), findings, brandOwner);
}
