using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Witness;

/// <summary>The logs this witness follows, by origin, each with the keys it trusts for it.</summary>
public sealed class WitnessedLogs
{
    private readonly Dictionary<string, List<NoteVerifier>> _byOrigin = new(StringComparer.Ordinal);

    public WitnessedLogs(IOptions<WitnessOptions> options)
    {
        foreach (var log in options.Value.Logs)
        {
            var key = NoteVerifier.Parse(log.Key);
            if (key.Type != NoteKeys.Ed25519) throw new FormatException($"Witness log key {key.Name} is not an Ed25519 (0x01) log key.");
            var origin = string.IsNullOrWhiteSpace(log.Origin) ? key.Name : log.Origin;
            if (!_byOrigin.TryGetValue(origin, out var keys)) _byOrigin[origin] = keys = [];
            keys.Add(key);
        }
    }

    public IReadOnlyCollection<string> Origins => _byOrigin.Keys;

    public IReadOnlyList<NoteVerifier>? KeysOf(string origin) => _byOrigin.GetValueOrDefault(origin);

    /// <summary>Checks every configured key at start, so that a typo stops the witness rather than every request.</summary>
    public static string? Problem(WitnessOptions options)
    {
        if (!NoteKeys.IsValidName(options.Name)) return "Witness:Name must be a key name: not empty, no spaces, no '+'.";
        for (var i = 0; i < options.Logs.Count; i++)
        {
            if (!NoteVerifier.TryParse(options.Logs[i].Key, out var key, out var problem)) return $"Witness:Logs:{i}:Key is not a verifier key: {problem}.";
            if (key!.Type != NoteKeys.Ed25519) return $"Witness:Logs:{i}:Key is not a log's Ed25519 (type 0x01) key.";
        }
        return null;
    }
}
