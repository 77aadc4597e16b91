using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Packs;

/// <summary>
/// The parties a scan's messages may name, looked up before deciding: the domain names them
/// synchronously, so they are gathered up front rather than hoped to be in a cache.
/// </summary>
public sealed class PartyNames
{
    private readonly Dictionary<string, Party> _byGln = new(StringComparer.Ordinal);

    public PartyNames(IEnumerable<Party?> parties)
    {
        foreach (var party in parties)
            if (party is not null) _byGln[party.Gln] = party;
    }

    public static PartyNames None { get; } = new([]);

    /// <summary>"Name (GLN)" of a known party, else the GLN itself.</summary>
    public string Describe(string? gln) =>
        gln is null ? "" : _byGln.TryGetValue(gln, out var party) ? Format(party) : gln;

    public static string Format(Party party) => $"{party.Name} ({party.Gln})";
}
