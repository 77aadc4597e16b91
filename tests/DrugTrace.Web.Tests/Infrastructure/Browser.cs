using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>A cookie-keeping client that signs in through the real sign-in form (with its anti-forgery token).</summary>
public static partial class Browser
{
    public const string DemoPassword = "DrugTrace-demo-2025";

    public static HttpClient Anonymous(DrugTraceFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> SignedInAsync(DrugTraceFactory factory, string userName, string password = DemoPassword)
    {
        var client = Anonymous(factory);
        var response = await SignInAsync(client, userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {userName}: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/signin");
        return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenField().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"No anti-forgery token on {path}.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
