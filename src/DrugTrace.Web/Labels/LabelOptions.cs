namespace DrugTrace.Web.Labels;

/// <summary>Section "Labels".</summary>
public sealed class LabelOptions
{
    public const string Section = "Labels";

    /// <summary>
    /// Where the Digital Links printed on labels point (scheme and host, e.g. https://verify.example.org).
    /// Required outside Development: a printed label lives for years, so it must never carry whatever
    /// Host header a request happened to send.
    /// </summary>
    public string? DigitalLinkBase { get; set; }

    /// <summary>The default in Development only: the address of `dotnet run`.</summary>
    public const string DevelopmentBase = "http://localhost:5080";

    public static bool IsValidBase(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
