using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DrugTrace.Web.Tests.Storage;

/// <summary>
/// The app's whole container, built for each Storage:Provider with ValidateOnBuild and
/// ValidateScopes: a port a store forgot to register (or a singleton that captures a scoped
/// service) fails here, without a server, instead of crash-looping the first real start.
/// Nothing is started, so no store is contacted.
/// </summary>
public sealed class ContainerValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("drugtrace-container-").FullName;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Mongo")]
    public async Task The_app_container_builds_with_validation_for_every_store(string provider)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = _directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:Sqlite:DataDirectory"] = _directory,
            // Never contacted: building the container opens no connection.
            ["Storage:Mongo:ConnectionString"] = "mongodb://127.0.0.1:9/?replicaSet=rs0",
        });
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        builder.Services.AddDrugTrace(builder.Configuration, _directory);

        await using var app = builder.Build();
        Assert.Contains(provider, app.Services.GetRequiredService<ILedgerStore>().GetType().Name, StringComparison.Ordinal);
        // Every port the app's start-up and pages need, each from this store.
        foreach (var port in new[] { typeof(IUserStore), typeof(IPartyStore), typeof(ICatalogStore), typeof(IScanLog), typeof(IAlertStore), typeof(ICaptureJobStore) })
            Assert.Contains(provider, app.Services.GetRequiredService(port).GetType().Name, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
