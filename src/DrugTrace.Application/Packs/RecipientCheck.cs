using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Packs;

/// <summary>A shipment's recipient must be a registered party that may receive packs.</summary>
public sealed class RecipientCheck(PartyDirectory parties)
{
    public async ValueTask CheckAsync(string? to, CancellationToken ct)
    {
        if (!Gln.TryParse(to, out var gln, out var error))
            throw new ValidationException("to", $"Say who the pack is shipped to: {error}");
        var recipient = await parties.FindAsync(gln.Value, ct)
            ?? throw new ValidationException("to", $"No party with GLN {gln.Value} is registered.");
        // A pack shipped to a party that may not receive would stay in transit for ever.
        if (!PackLifecycle.IsAllowed(recipient.Role, PackAction.Receive))
            throw new ValidationException("to", $"{recipient.Name} is a {recipient.Role.ToString().ToLowerInvariant()} and cannot receive packs.");
    }
}
