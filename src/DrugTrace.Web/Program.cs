using DrugTrace.Web;
using DrugTrace.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The web root is the solution's top-level wwwroot/ (ASPNETCORE_WEBROOT in a container).
    WebRootPath = SolutionRoot.FolderOf("wwwroot", Environment.GetEnvironmentVariable("ASPNETCORE_WEBROOT")),
});

builder.Services.AddDrugTrace(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();

// Client address, scheme and host as the trusted proxy saw them (ForwardedHeaders:KnownProxies), before anything reads them.
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseSecurityHeaders();
app.UseExceptionHandler();
// The top-level wwwroot/ is served before routing: MapStaticAssets only knows the build's manifest
// (MudBlazor, the framework) and warned about every request for app.css and the scripts.
app.UseStaticFiles();
app.UseStatusCodeBodies();
app.UseRateLimiter();
app.UseAuthentication();
app.UseHubOriginCheck();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapDrugTraceEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
