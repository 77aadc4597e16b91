namespace DrugTrace.Domain.Transparency;

/// <summary>Standard base64 decoding that also refuses non-canonical text (stray padding bits), so that one value has one spelling.</summary>
public static class Base64
{
    public static bool TryDecodeCanonical(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 4 != 0) return false;
        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written)) return false;
        var decoded = buffer[..written];
        if (Convert.ToBase64String(decoded) != text) return false;
        bytes = decoded;
        return true;
    }
}
