using System.Text.RegularExpressions;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// A connection string fit for a log line or an error message: the password of the user info
/// (however it is encoded: percent-encoded, containing ':' or '@'), and every option that carries
/// a secret (tlsCertificateKeyFilePassword, authMechanismProperties with an AWS session token,
/// anything named like a password, secret or token), become ***. Done on the text itself, so that
/// it also works on a string the driver would refuse, and never shows the decoded form either.
/// </summary>
public static partial class ConnectionStringRedaction
{
    private const string Hidden = "***";

    public static string Redact(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString)) return "";
        var text = connectionString;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = scheme < 0 ? 0 : scheme + 3;

        // The user info ends at the last '@' before the path or the options: a host never holds '@'.
        var pathStart = text.IndexOfAny(['/', '?'], authorityStart);
        var at = text.LastIndexOf('@', pathStart < 0 ? text.Length - 1 : pathStart);
        if (at >= authorityStart)
        {
            var userInfo = text[authorityStart..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? userInfo : userInfo[..colon];
            text = text[..authorityStart] + (colon < 0 ? user : user + ":" + Hidden) + text[at..];
        }

        var query = text.IndexOf('?', authorityStart);
        if (query < 0) return text;
        return text[..(query + 1)] + SecretOption().Replace(text[(query + 1)..], m => m.Groups["name"].Value + "=" + Hidden);
    }

    [GeneratedRegex(@"(?<name>[^&;=]*(?:password|secret|token|authMechanismProperties)[^&;=]*)=[^&;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretOption();
}
