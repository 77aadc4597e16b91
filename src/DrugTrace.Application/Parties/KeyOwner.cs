using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Parties;

/// <summary>Who may manage a party's keys: the party itself, or a regulator.</summary>
internal static class KeyOwner
{
    public static async ValueTask<Party> CheckAsync(Party actor, string? gln, IPartyStore parties, CancellationToken ct)
    {
        if (!Gln.TryParse(gln, out var parsed, out var error)) throw new ValidationException("gln", error);
        // Asked before looking the party up, so that a non-regulator learns nothing about other GLNs.
        if (actor.Role != PartyRole.Regulator && actor.Gln != parsed.Value)
            throw new ForbiddenAccessException("A party manages its own API keys; a regulator manages anyone's.");
        return await parties.FindAsync(parsed.Value, ct) ?? throw new NotFoundException($"No party with GLN {parsed.Value} is registered.");
    }
}
