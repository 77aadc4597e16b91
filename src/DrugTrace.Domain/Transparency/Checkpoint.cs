using System.Globalization;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// A C2SP tlog-checkpoint body: origin line, decimal tree size, base64 root hash, then optional
/// extension lines. It is the text of a signed note.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, Hash256 Root, IReadOnlyList<string> Extensions)
{
    public Checkpoint(string origin, long size, Hash256 root) : this(origin, size, root, []) { }

    public string Text =>
        $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(Root.ToBytes())}\n"
        + string.Concat(Extensions.Select(e => e + "\n"));

    public static bool TryParse(string text, out Checkpoint? checkpoint, out string? problem)
    {
        checkpoint = null;
        problem = null;
        if (!text.EndsWith('\n')) return Fail("the checkpoint does not end with a newline", out problem);
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3) return Fail("a checkpoint has an origin, a size and a root line", out problem);
        var origin = lines[0];
        if (origin.Length == 0) return Fail("the origin line is empty", out problem);
        var sizeText = lines[1];
        if (sizeText.Length == 0 || !sizeText.All(char.IsAsciiDigit) || sizeText.Length > 1 && sizeText[0] == '0'
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            return Fail($"the size line '{sizeText}' is not a decimal number without leading zeros", out problem);
        if (!Base64.TryDecodeCanonical(lines[2], out var root)) return Fail("the root line is not canonical base64", out problem);
        if (root.Length != Hash256.Size) return Fail($"the root hash is {root.Length} bytes, not {Hash256.Size}", out problem);
        if (lines.Skip(3).Any(l => l.Length == 0)) return Fail("a checkpoint extension line is empty", out problem);
        checkpoint = new Checkpoint(origin, size, Hash256.FromBytes(root), [.. lines.Skip(3)]);
        return true;
    }

    private static bool Fail(string message, out string? problem)
    {
        problem = message;
        return false;
    }
}
