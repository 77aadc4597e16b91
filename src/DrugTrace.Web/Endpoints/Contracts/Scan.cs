namespace DrugTrace.Web.Endpoints.Contracts;

/// <summary>
/// A scanned or typed code and what to do with it: verify, receive, ship (with <c>To</c>, a GLN),
/// dispense, undo-dispense, decommission (with <c>Reason</c>) or unlock. <c>ScannedAt</c>, when the
/// scan was made earlier (queued while the server could not be reached, at most 7 days ago), is recorded
/// as the event's time beside the time it reached the ledger; a replay of it is answered "already recorded".
/// </summary>
public sealed record Scan(string? Code, string? Action, string? To, string? Reason, DateTimeOffset? ScannedAt = null);
