using System.Net;
using System.Text.RegularExpressions;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>
/// Sign-in through the real form with cookies carried by hand, for requests that a cookie
/// container would not send (a Secure cookie over a test's plain http) or that need the raw
/// Set-Cookie attributes.
/// </summary>
public static partial class ManualCookies
{
    /// <summary>Signs in; returns the answer to the form post and the Cookie header for later requests.</summary>
    public static async Task<(HttpResponseMessage Answer, string Cookies)> SignInAsync(
        HttpClient client, string userName, string password = Browser.DemoPassword, Action<HttpRequestMessage>? decorate = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/signin");
        decorate?.Invoke(get);
        var page = await client.SendAsync(get);
        var jar = Collect(page, new Dictionary<string, string>());
        var html = await page.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

        var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", Header(jar));
        decorate?.Invoke(post);
        var answer = await client.SendAsync(post);
        Collect(answer, jar);
        return (answer, Header(jar));
    }

    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static Dictionary<string, string> Collect(HttpResponseMessage response, Dictionary<string, string> jar)
    {
        foreach (var cookie in SetCookies(response))
        {
            var pair = cookie.Split(';')[0];
            var eq = pair.IndexOf('=');
            jar[pair[..eq]] = pair[(eq + 1)..];
        }
        return jar;
    }

    private static string Header(Dictionary<string, string> jar) => string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
