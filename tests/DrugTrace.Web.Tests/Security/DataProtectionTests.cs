using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Security;

/// <summary>With SQLite the Data Protection key ring lives in the data directory: what one start protected, the next reads.</summary>
public sealed class DataProtectionTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("drugtrace-dp-").FullName;

    [Fact]
    public async Task A_restarted_instance_on_the_same_data_directory_reads_what_the_first_protected()
    {
        string protectedText;
        using (var first = new SharedDataFactory(_data))
        {
            // A real sign-in cookie, then a payload protected directly.
            var (answer, _) = await ManualCookies.SignInAsync(first.CreateClient(new() { AllowAutoRedirect = false }), "nmva");
            Assert.Contains(ManualCookies.SetCookies(answer), c => c.StartsWith("DrugTrace.SignIn=", StringComparison.Ordinal));
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("kept across restarts");
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_data, "keys"), "key-*.xml"));

        using var second = new SharedDataFactory(_data);
        Assert.Equal("kept across restarts", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private sealed class SharedDataFactory(string data) : DrugTraceFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:Sqlite:DataDirectory", data);
        }
    }
}
