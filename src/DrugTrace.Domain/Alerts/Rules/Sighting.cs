namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// A scan of the same pack by another trading party shortly before this one (within the clone
/// window): evidence of where the pack physically was.
/// </summary>
public sealed record Sighting(DateTimeOffset At, string Party);
