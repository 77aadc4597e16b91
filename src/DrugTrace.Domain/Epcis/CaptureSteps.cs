using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Epcis;

/// <summary>What one captured EPCIS event asks DrugTrace to do, once read.</summary>
public abstract record CaptureStep;

/// <summary>Commission these serials of a lot (registering the lot, stated by the event's ILMD).</summary>
public sealed record CommissionStep(string Gtin, IReadOnlyList<string> Serials, string Lot, DateOnly Expiry, DateTimeOffset OccurredAt) : CaptureStep;

/// <summary>A handoff of one pack, as a scan would ask for it.</summary>
public sealed record HandoffStep(string Gtin, string Serial, PackCommand Command) : CaptureStep;

/// <summary>Recall a lot.</summary>
public sealed record RecallStep(string Gtin, string Lot, string Reason) : CaptureStep;

/// <summary>The steps of one event, or why DrugTrace cannot apply it.</summary>
public sealed record CapturePlan(IReadOnlyList<CaptureStep> Steps, string? Refusal)
{
    public static CapturePlan Refuse(string reason) => new([], reason);
}

/// <summary>Ship or receive a case or pallet with everything inside, as a scan of its SSCC would.</summary>
public sealed record CaseMoveStep(string Sscc, PackCommand Command) : CaptureStep;

/// <summary>
/// Pack these packs (GTIN, serial) and cases (SSCC) into case <paramref name="Sscc"/>: a new case, or one the
/// capturer holds (an AggregationEvent ADD).
/// </summary>
public sealed record PackIntoCaseStep(string Sscc, IReadOnlyList<(string Gtin, string Serial)> Packs, IReadOnlyList<string> Cases, DateTimeOffset OccurredAt)
    : CaptureStep;

/// <summary>Unpack case <paramref name="Sscc"/> (an AggregationEvent DELETE); the children the event names must be in it.</summary>
public sealed record UnpackCaseStep(string Sscc, IReadOnlyList<(string Gtin, string Serial)> Packs, IReadOnlyList<string> Cases, DateTimeOffset OccurredAt)
    : CaptureStep;
