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

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapDrugTraceEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
