using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DrugTrace.Benchmarks;

/// <summary>
/// The real DrugTrace.Web app (the DrugTrace.Web.dll built beside this program) started as a
/// child process on a free 127.0.0.1 port, with its data in a temporary folder and the demo
/// parties of seed-data/ loaded on start.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private WebAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="environment">Production for the measured API scenarios; Development where a browser needs the
    /// built (not published) app's _framework/ and _content/ files, which only Development serves from the static
    /// web assets manifest.</param>
    public static Task<WebAppProcess> StartAsync(string dataDirectory, string synchronous, StoreChoice? store = null, string environment = "Production")
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:Sqlite:DataDirectory"] = dataDirectory,
            ["Storage:Sqlite:Synchronous"] = synchronous,
            ["Seed:Enabled"] = "true",
            // The demo parties' published keys: a benchmark server is a demo server.
            ["Seed:Demo"] = "true",
            // Load comes from one loopback address: the per-address guessing limits are not what is measured.
            ["Security:SignInAttemptsPerMinute"] = "1000000",
            ["Security:FailedApiKeysPerMinute"] = "1000000",
            ["Labels:DigitalLinkBase"] = "https://verify.drugtrace.test",
        };
        foreach (var (key, value) in (store ?? StoreChoice.Sqlite).Settings()) settings[key] = value ?? "";
        return StartDllAsync("DrugTrace.Web.dll", [], settings, environment);
    }

    /// <summary>
    /// The ceiling (<see cref="Ceiling.CeilingServer"/>): this program's own dll started as a child process in
    /// exactly the same way as the app, so both run under the same host, runtime settings and Kestrel.
    /// </summary>
    public static Task<WebAppProcess> StartCeilingAsync() =>
        StartDllAsync("DrugTrace.Benchmarks.dll", [Ceiling.CeilingServer.Argument], new Dictionary<string, string>(), "Production");

    private static async Task<WebAppProcess> StartDllAsync(string dllName, string[] arguments, Dictionary<string, string> settings, string environment)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppPaths.SolutionRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dllName));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        // Per-request logging would measure the console, not the app.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new WebAppProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(dllName);
        }
        catch
        {
            // A server that never became healthy is not left running behind the failed run.
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    public int ProcessId => _process.Id;

    /// <summary>Peak working set of the app process so far (from /proc, read while it runs).</summary>
    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>CPU time the app process has used so far (all its threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync(string dllName)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited) break;
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer (a loaded machine): asked again until the deadline.
            }
            await Task.Delay(200);
        }
        string log;
        lock (_log) log = _log.ToString();
        throw new InvalidOperationException($"{dllName} did not become healthy at {BaseAddress}. Its output:\n{log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
