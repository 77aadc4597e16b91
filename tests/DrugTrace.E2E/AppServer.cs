using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace DrugTrace.E2E;

/// <summary>The built DrugTrace.Web.dll as a child process on a free loopback port, with a temp SQLite folder and the seed data.</summary>
public sealed class AppServer : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private Process? _process;
    private int _port;

    public AppServer() : this(new Dictionary<string, string>())
    {
    }

    private AppServer(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    /// <summary>A server of its own (xunit's fixture needs the one public constructor) with extra configuration, as environment variables (e.g. Scanning__OfflineQueueLimit).</summary>
    public static AppServer With(IReadOnlyDictionary<string, string> settings) => new(settings);
    private readonly System.Text.StringBuilder _log = new();

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("drugtrace-e2e-").FullName;

    public Uri Address { get; private set; } = null!;

    public string Log { get { lock (_log) return _log.ToString(); } }

    public async Task InitializeAsync()
    {
        if (E2EEnvironment.Missing is not null && !E2EEnvironment.InCi) return;
        // The port is picked before the app binds it (restarts after an outage need the same address), so
        // another process may take it in between: then the app exits at once, and another port is tried.
        for (var attempt = 1; ; attempt++)
        {
            _port = FreePort();
            Address = new Uri($"http://127.0.0.1:{_port}");
            try
            {
                await StartAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && Log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await StopAsync();
                lock (_log) _log.Clear();
            }
        }
    }

    /// <summary>Takes the server away, as an outage would: the process is killed, its connections drop.</summary>
    public Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    /// <summary>Starts the app (again) on the same address, with the same database.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DrugTrace.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Address.ToString().TrimEnd('/'));
        // Development: the built (not published) app finds _framework/ and _content/ through the
        // static web assets manifest only in Development, as with `dotnet run`.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__Sqlite__DataDirectory"] = DataDirectory;
        start.Environment["Storage__Sqlite__Synchronous"] = "NORMAL";
        // Every browser of the run signs in from 127.0.0.1: the per-address sign-in limit is out of reach here.
        start.Environment["Security__SignInAttemptsPerMinute"] = "100000";
        // Printed Digital Links point at this very server.
        start.Environment["Labels__DigitalLinkBase"] = Address.ToString().TrimEnd('/');
        foreach (var (key, value) in _settings) start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = Address };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:\n{Log}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(150);
        }
        throw new TimeoutException("The app did not become healthy within 180 s:\n" + Log);
    }

    public HttpClient Api(string key)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public const string ManufacturerKey = "demo-manufacturer-helvetia";
    public const string PharmacyKey = "demo-pharmacy-linden";
    public const string PharmacyGln = "4012347000014";
    public const string Password = "DrugTrace-demo-2025";

    private static int _product = Random.Shared.Next(1000, 9000);

    /// <summary>A new product and lot of the demo manufacturer, its packs still at the manufacturer.</summary>
    public async Task<(string Gtin, string Lot, DateOnly Expiry, string[] Serials)> PacksAtManufacturerAsync(int quantity)
    {
        using var manufacturer = Api(ManufacturerKey);
        var body = "04012345" + Interlocked.Increment(ref _product).ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "8";
        var gtin = body + DrugTrace.Domain.Gs1.CheckDigit.Compute(body);
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "E2E tablets " + gtin[^5..] })).EnsureSuccessStatusCode();
        var lot = "LOTe" + gtin[^5..];
        var created = await manufacturer.PostAsJsonAsync("/api/v1/lots", new { gtin, lot, expiry = "2031-03-31", quantity });
        created.EnsureSuccessStatusCode();
        var serials = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("serials").EnumerateArray().Select(s => s.GetString()!).ToArray();
        return (gtin, lot, new DateOnly(2031, 3, 31), serials);
    }

    /// <summary>The code a scanner reads off a pack of one of these lots.</summary>
    public static string Code(string gtin, string lot, string serial) => $"(01){gtin}(17)310331(10){lot}(21){serial}";

    /// <summary>A new lot of the demo manufacturer, all its packs shipped to Linden-Apotheke and not yet received there.</summary>
    public async Task<(string Gtin, string Lot, DateOnly Expiry, string[] Serials)> ShippedToPharmacyAsync(int quantity)
    {
        var (gtin, lot, expiry, serials) = await PacksAtManufacturerAsync(quantity);
        using var manufacturer = Api(ManufacturerKey);
        foreach (var serial in serials)
            (await manufacturer.PostAsJsonAsync("/api/v1/scans", new { code = Code(gtin, lot, serial), action = "ship", to = PharmacyGln })).EnsureSuccessStatusCode();
        return (gtin, lot, expiry, serials);
    }

    /// <summary>A new product and lot of the demo manufacturer, all its packs shipped to and received by Linden-Apotheke.</summary>
    public async Task<(string Gtin, string Lot, DateOnly Expiry, string[] Serials)> PacksAtPharmacyAsync(int quantity)
    {
        var (gtin, lot, expiry, serials) = await ShippedToPharmacyAsync(quantity);
        using var pharmacy = Api(PharmacyKey);
        foreach (var serial in serials)
            (await pharmacy.PostAsJsonAsync("/api/v1/scans", new { code = Code(gtin, lot, serial), action = "receive" })).EnsureSuccessStatusCode();
        return (gtin, lot, expiry, serials);
    }

    /// <summary>A case the demo manufacturer packed of new packs of its own; its SSCC and the packs' serials.</summary>
    public async Task<(string Sscc, string Gtin, string Lot, string[] Serials)> CaseAtManufacturerAsync(int quantity)
    {
        var (gtin, lot, _, serials) = await PacksAtManufacturerAsync(quantity);
        using var manufacturer = Api(ManufacturerKey);
        var packed = await manufacturer.PostAsJsonAsync("/api/v1/cases", new { codes = serials.Select(s => Code(gtin, lot, s)).ToArray() });
        packed.EnsureSuccessStatusCode();
        return ((await packed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sscc").GetString()!, gtin, lot, serials);
    }

    /// <summary>A pack of a new lot at Linden-Apotheke that Linden-Apotheke quarantined, giving <paramref name="reason"/>.</summary>
    public async Task<(string Gtin, string Serial)> QuarantinedAtPharmacyAsync(string reason)
    {
        var (gtin, lot, _, serials) = await PacksAtPharmacyAsync(1);
        using var pharmacy = Api(PharmacyKey);
        (await pharmacy.PostAsJsonAsync("/api/v1/scans", new { code = Code(gtin, lot, serials[0]), action = "quarantine", reason })).EnsureSuccessStatusCode();
        return (gtin, serials[0]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppServer>
{
    public const string Name = "app";
}
