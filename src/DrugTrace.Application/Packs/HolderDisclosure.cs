using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Packs;

/// <summary>
/// Least disclosure in a scan's answer: a party that neither holds nor expects the pack (and is not
/// its brand owner or a regulator) learns whether it is genuine and its status, never who holds it,
/// who it is on its way to, or who dispensed it. Its messages say "another party" instead, and the
/// pack view carries no custodian. The alert raised keeps the pack, so a regulator still sees everything.
/// </summary>
public static class HolderDisclosure
{
    public const string Withheld = "another party";

    /// <summary>Whether <paramref name="viewer"/> may be told who holds <paramref name="pack"/>.</summary>
    public static bool MaySee(Party viewer, PackState pack, string? brandOwner) =>
        viewer.Role == PartyRole.Regulator
        || viewer.Gln == pack.Custodian
        || viewer.Gln == pack.ShipTo
        || viewer.Gln == brandOwner;

    /// <summary>The names a scan's messages use: the real ones for an involved viewer, else only the viewer's own.</summary>
    public static Func<string?, string> Names(Party viewer, PackState pack, string? brandOwner, Func<string?, string> describe) =>
        MaySee(viewer, pack, brandOwner)
            ? describe
            : gln => gln is null ? "" : gln == viewer.Gln ? describe(gln) : Withheld;

    /// <summary>The pack as shown to the scanning party: without its custodian unless it may see it.</summary>
    public static PackView? View(PackView? view, ScanFacts facts, string? brandOwner) =>
        view is not null && facts is { Pack: { } pack, Actor: { } viewer } && !MaySee(viewer, pack, brandOwner) ? view with { Custodian = null } : view;
}
