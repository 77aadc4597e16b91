namespace DrugTrace.Web.Endpoints.Contracts;

/// <summary>
/// A scanned or typed code and what to do with it: verify, receive, ship (with <c>To</c>, a GLN),
/// dispense, undo-dispense, decommission (with <c>Reason</c>) or unlock.
/// </summary>
public sealed record Scan(string? Code, string? Action, string? To, string? Reason);
