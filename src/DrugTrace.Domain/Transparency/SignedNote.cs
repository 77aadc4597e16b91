using System.Buffers.Binary;

namespace DrugTrace.Domain.Transparency;

/// <summary>One signature line of a note: key name, key id and the signature bytes after the id.</summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    public string Line => $"— {Name} {Convert.ToBase64String([.. KeyIdBytes(KeyId), .. Signature])}\n";

    private static byte[] KeyIdBytes(uint id)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, id);
        return b;
    }
}

/// <summary>A signature that verified against a trusted key; <see cref="Timestamp"/> for cosignatures.</summary>
public sealed record VerifiedSignature(NoteVerifier Key, NoteSignature Signature, long? Timestamp);

/// <summary>
/// A C2SP signed note: text ending in a newline, a blank line, one or more signature lines
/// <c>— name base64(keyid || signature)</c>. Parsing is strict; <see cref="Open"/> applies the
/// spec's rules (unknown keys ignored, a known key that fails rejects the note, at least one
/// known key must verify).
/// </summary>
public sealed class SignedNote
{
    /// <summary>More signatures than any honest note carries; the spec asks verifiers for a limit of at least 16.</summary>
    public const int MaxSignatures = 100;

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline.</summary>
    public string Text { get; }
    public IReadOnlyList<NoteSignature> Signatures { get; }

    public override string ToString() => Text + "\n" + string.Concat(Signatures.Select(s => s.Line));

    public SignedNote WithSignatures(IEnumerable<NoteSignature> more) =>
        new(Text, [.. Signatures, .. more.Where(m => !Signatures.Any(s => s.Name == m.Name && s.KeyId == m.KeyId))]);

    public static bool TryParse(string? note, out SignedNote? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        if (string.IsNullOrEmpty(note)) return Fail("the note is empty", out problem);
        if (note.Any(c => c < 0x20 && c != '\n')) return Fail("the note holds a control character other than newline", out problem);
        if (note.Any(char.IsSurrogate) && !IsWellFormed(note)) return Fail("the note is not valid UTF-8 text", out problem);
        if (!note.EndsWith('\n')) return Fail("the note does not end with a newline", out problem);
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) return Fail("the note has no blank line before its signatures", out problem);
        var text = note[..(split + 1)];
        if (split + 2 >= note.Length) return Fail("the note has no signature", out problem);
        var lines = note[(split + 2)..^1].Split('\n');
        if (lines.Length == 0 || lines.Length == 1 && lines[0].Length == 0) return Fail("the note has no signature", out problem);
        if (lines.Length > MaxSignatures) return Fail($"the note has {lines.Length} signatures, more than {MaxSignatures}", out problem);
        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            if (!line.StartsWith("— ", StringComparison.Ordinal)) return Fail($"'{Shorten(line)}' is not a signature line (— name signature)", out problem);
            var rest = line[2..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0) return Fail($"the signature line '{Shorten(line)}' has no key name and signature", out problem);
            var name = rest[..space];
            if (!NoteKeys.IsValidName(name)) return Fail($"'{Shorten(name)}' is not a valid key name", out problem);
            if (!Base64.TryDecodeCanonical(rest[(space + 1)..], out var blob))
                return Fail($"the signature of {name} is not canonical base64", out problem);
            if (blob.Length < 5) return Fail($"the signature of {name} is too short", out problem);
            signatures.Add(new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]));
        }
        parsed = new SignedNote(text, signatures);
        return true;
    }

    public static SignedNote Parse(string note) =>
        TryParse(note, out var n, out var problem) ? n! : throw new FormatException($"Not a signed note: {problem}.");

    /// <summary>A note made of <paramref name="text"/> and the lines of its signers.</summary>
    public static SignedNote Sign(string text, NoteSigner signer) => Parse(text + "\n" + signer.SignatureLine(text));

    /// <summary>Verifies the note against the trusted keys: every known signature must verify and at least one must be known.</summary>
    public ProofCheck Open(IEnumerable<NoteVerifier> trusted, out IReadOnlyList<VerifiedSignature> verified)
    {
        var result = new List<VerifiedSignature>();
        verified = result;
        var keys = trusted.ToList();
        foreach (var s in Signatures)
        {
            var key = keys.FirstOrDefault(k => k.Name == s.Name && k.KeyId == s.KeyId);
            if (key is null) continue;
            if (!key.Verify(Text, s.Signature, out var timestamp))
                return ProofCheck.Invalid($"the signature of {s.Name} ({s.KeyId:x8}) does not verify: the note was altered or not signed by that key");
            result.Add(new VerifiedSignature(key, s, timestamp));
        }
        return result.Count > 0
            ? ProofCheck.Valid
            : ProofCheck.Invalid($"no signature is from a trusted key ({string.Join(", ", keys.Select(k => $"{k.Name}+{k.KeyId:x8}"))})");
    }

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static bool Fail(string message, out string? problem)
    {
        problem = message;
        return false;
    }
}
