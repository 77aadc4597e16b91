using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;

namespace DrugTrace.Application.Packs;

/// <summary>Who may see a pack's history (and its proofs): regulators, the brand owner, and parties it passed through.</summary>
public static class PackVisibility
{
    public static bool MayView(Party actor, Product? product, IReadOnlyList<StoredEvent> chain) =>
        actor.Role == PartyRole.Regulator
        || product?.Manufacturer == actor.Gln
        || chain.Any(s => s.Event.Actor == actor.Gln || s.Event.From == actor.Gln || s.Event.To == actor.Gln);
}
