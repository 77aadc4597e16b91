using System.Security.Cryptography;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Cases;

/// <summary>
/// SSCCs under the packing party's GS1 company prefix: its registered prefixes, or else the first seven
/// digits of its GLN (a GLN begins with its company's prefix, and seven digits is the shortest prefix).
/// A new one has a random serial reference; one given by the caller must be under its prefix and unused.
/// </summary>
public sealed class SsccAllocator(ILedgerStore ledger, IPartyStore parties)
{
    public async ValueTask<IReadOnlyList<string>> PrefixesAsync(Party actor, CancellationToken ct)
    {
        var registered = await parties.CompanyPrefixesAsync(actor.Gln, ct);
        return registered.Count > 0 ? registered : [actor.Gln[..7]];
    }

    public async ValueTask<Sscc> NewAsync(Party actor, CancellationToken ct)
    {
        var prefix = (await PrefixesAsync(actor, ct))[0];
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var sscc = Sscc.Create(0, prefix, RandomNumberGenerator.GetInt32(int.MaxValue) % Sscc.ReferenceCount(prefix));
            if (await ledger.FindCaseAsync(sscc.Value, ct) is null) return sscc;
        }
        throw new ConflictException("No unused SSCC could be drawn; try again.");
    }

    /// <summary>A caller's own SSCC: a 400 when it is not under one of its prefixes, a 409 when it is already used.</summary>
    public async ValueTask<Sscc> CheckGivenAsync(Party actor, Sscc sscc, CancellationToken ct)
    {
        var prefixes = await PrefixesAsync(actor, ct);
        if (!prefixes.Any(p => sscc.Value.AsSpan(1).StartsWith(p, StringComparison.Ordinal)))
            throw new ValidationException("sscc", $"SSCC {sscc.Value} is not under your GS1 company prefix ({string.Join(", ", prefixes)}); leave it out to have one made.");
        if (await ledger.FindCaseAsync(sscc.Value, ct) is not null)
            throw new ConflictException($"SSCC {sscc.Value} is already used; an SSCC names one case for good.");
        return sscc;
    }
}
