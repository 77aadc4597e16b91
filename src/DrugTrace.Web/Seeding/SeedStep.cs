using DrugTrace.Application.Common.Wire;
using DrugTrace.Application.Packs;

namespace DrugTrace.Web.Seeding;

/// <summary>
/// One handoff applied to packs <c>From</c>..<c>From + Count - 1</c> of a lot (in commission
/// order): <c>By</c> does <c>Action</c> (ship to <c>To</c>, receive, dispense, decommission with <c>Reason</c>).
/// <c>Garble</c> scans the code as a faulty scanner ("caps": Caps Lock on) or a counterfeiter
/// ("unknown-serial": a serial never commissioned) would present it, and <c>Expect</c> is the verdict
/// the step must get ("alert", "refused"; default "ok"), so that the demo's alerts are real ones; it is
/// read as a verdict, so a word that is not one fails the seed file's reading, not a later comparison.
/// </summary>
public sealed record SeedStep(string Action, string By, int From, int Count, string? To, string? Reason, string? Garble = null, WireName<ScanVerdict>? Expect = null);
