using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Epcis;
using DrugTrace.Domain.Epcis;
using DrugTrace.Web.Epcis;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Epcis;

/// <summary>Capture jobs live in the store: a restart of the app over the same SQLite file still answers GET /epcis/capture/{id}.</summary>
public sealed class CaptureJobPersistenceTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("drugtrace-jobs-").FullName;

    [Fact]
    public async Task A_capture_job_survives_a_restart_and_is_shown_only_to_its_capturer_and_regulators()
    {
        string location;
        JsonElement before;
        using (var first = new SharedDataFactory(_data))
        {
            var manufacturer = first.ClientFor(Demo.ManufacturerKey);
            var (gtin, _, _, serials) = await Api.NewLotAsync(manufacturer, 1);
            var document = EpcisDocuments.Document(
            [
                CaptureTransactionTests.Ship(gtin, serials[0], Demo.PharmacyGln),
                CaptureTransactionTests.Ship(gtin, "NOSUCHSERIAL", Demo.PharmacyGln),
            ], DateTimeOffset.UtcNow);
            before = await CaptureTests.CaptureAsync(manufacturer, document, "proceed");
            location = $"/epcis/capture/{before.GetProperty("captureID").GetString()}";
            Assert.Equal(1, before.GetProperty("applied").GetInt32());
            Assert.Single(before.GetProperty("errors").EnumerateArray());

            // A job left running by a crash: the next start ends it.
            await first.Services.GetRequiredService<ICaptureJobStore>().AddAsync(
                new CaptureJob("cutoff", Demo.ManufacturerGln, "rollback", 3, DateTimeOffset.UtcNow.AddMinutes(-1)), default);
        }

        using var second = new SharedDataFactory(_data);
        var again = await second.ClientFor(Demo.ManufacturerKey).GetFromJsonAsync<JsonElement>(location);
        Assert.Equal(before.GetRawText(), again.GetRawText());
        var regulator = await second.ClientFor(Demo.RegulatorKey).GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, regulator.StatusCode);
        // Another party is told there is no such job, exactly as for an unknown ID.
        var other = await Api.ProblemAsync(await second.ClientFor(Demo.PharmacyKey).GetAsync(location), HttpStatusCode.NotFound);
        var unknown = await Api.ProblemAsync(await second.ClientFor(Demo.PharmacyKey).GetAsync("/epcis/capture/nosuchjob"), HttpStatusCode.NotFound);
        Assert.Equal(other.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
        await Api.ProblemAsync(await second.ClientFor(Demo.OtherManufacturerKey).GetAsync(location), HttpStatusCode.NotFound);

        var cutOff = await second.ClientFor(Demo.ManufacturerKey).GetFromJsonAsync<JsonElement>("/epcis/capture/cutoff");
        Assert.False(cutOff.GetProperty("running").GetBoolean());
        Assert.False(cutOff.GetProperty("success").GetBoolean());
        Assert.Equal(CaptureJobRecovery.Interrupted, cutOff.GetProperty("errors")[0].GetProperty("reason").GetString());
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
