namespace DrugTrace.Web.Seeding;

/// <summary>
/// One handoff applied to packs <c>From</c>..<c>From + Count - 1</c> of a lot (in commission
/// order): <c>By</c> does <c>Action</c> (ship to <c>To</c>, receive, dispense, decommission with <c>Reason</c>).
/// </summary>
public sealed record SeedStep(string Action, string By, int From, int Count, string? To, string? Reason);
