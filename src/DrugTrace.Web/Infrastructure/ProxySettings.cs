using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy the socket peer is the proxy: the client's address (rate limits), scheme
/// (Secure cookies, HSTS) and host come from its X-Forwarded-* headers, but only when the peer is
/// one of <c>ForwardedHeaders:KnownProxies</c> (addresses) or <c>ForwardedHeaders:KnownNetworks</c>
/// (CIDR). Nothing is trusted by default, not even loopback: anyone could send those headers.
/// </summary>
public static class ProxySettings
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddProxySettings(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var ip) ? ip
                    : throw new InvalidOperationException($"{Section}:KnownProxies holds '{proxy}', which is not an IP address."));
            foreach (var network in networks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var n) ? n
                    : throw new InvalidOperationException($"{Section}:KnownNetworks holds '{network}', which is not a CIDR range such as 172.28.0.0/16."));
            // One proxy in front: the right-most address it adds is the client.
            o.ForwardLimit = section.GetValue("ForwardLimit", 1);
            if (section.GetSection("AllowedHosts").Get<string[]>() is { Length: > 0 } hosts) o.AllowedHosts = hosts;
        });
        return services;
    }
}
