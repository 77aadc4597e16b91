using System.Globalization;
using System.Text;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// The body of a C2SP tlog-witness add-checkpoint request: <c>old N</c>, up to 63 consistency
/// proof hashes in base64 (one a line), an empty line, then the signed checkpoint note.
/// </summary>
public sealed record AddCheckpointBody(long OldSize, IReadOnlyList<Hash256> Proof, string Note)
{
    /// <summary>The spec's limit: a client must not send more proof lines.</summary>
    public const int MaxProofLines = 63;

    public string Text
    {
        get
        {
            var text = new StringBuilder();
            text.Append("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var hash in Proof) text.Append(Convert.ToBase64String(hash.ToBytes())).Append('\n');
            return text.Append('\n').Append(Note).ToString();
        }
    }

    public static bool TryParse(string? body, out AddCheckpointBody? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        if (string.IsNullOrEmpty(body)) return Fail("the request body is empty", out problem);
        var position = 0;
        if (!NextLine(body, ref position, out var oldLine)) return Fail("the body has no old size line", out problem);
        if (!oldLine.StartsWith("old ", StringComparison.Ordinal)) return Fail("the first line is not 'old <size>'", out problem);
        var sizeText = oldLine[4..];
        if (sizeText.Length == 0 || !sizeText.All(char.IsAsciiDigit) || sizeText.Length > 1 && sizeText[0] == '0'
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var oldSize))
            return Fail($"the old size '{Shorten(sizeText)}' is not a decimal number without leading zeros", out problem);
        var proof = new List<Hash256>();
        while (true)
        {
            if (!NextLine(body, ref position, out var line)) return Fail("the body has no empty line before the checkpoint", out problem);
            if (line.Length == 0) break;
            if (proof.Count == MaxProofLines) return Fail($"the consistency proof has more than {MaxProofLines} lines", out problem);
            if (!Base64.TryDecodeCanonical(line, out var hash) || hash.Length != Hash256.Size)
                return Fail($"the proof line '{Shorten(line)}' is not a base64 SHA-256 hash", out problem);
            proof.Add(Hash256.FromBytes(hash));
        }
        var note = body[position..];
        if (note.Length == 0) return Fail("the body holds no checkpoint after the empty line", out problem);
        parsed = new AddCheckpointBody(oldSize, proof, note);
        return true;
    }

    private static bool NextLine(string body, ref int position, out string line)
    {
        line = "";
        var end = body.IndexOf('\n', position);
        if (end < 0) return false;
        line = body[position..end];
        position = end + 1;
        return true;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static bool Fail(string message, out string? problem)
    {
        problem = message;
        return false;
    }
}
