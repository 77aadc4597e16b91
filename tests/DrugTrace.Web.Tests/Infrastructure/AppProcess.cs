using System.Diagnostics;
using System.Net;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>
/// The app as a real OS process on a loopback port, for tests that must kill it the hard way.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<AppProcess> StartAsync(string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DrugTrace.Web.dll"));
        // Port 0: the app binds a free port itself and says which. A port picked here and handed over
        // could be taken meanwhile by another process (another test run's app answering our /health).
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__Sqlite__DataDirectory"] = dataDirectory;
        start.Environment["Seed__Demo"] = "true";
        start.Environment["Labels__DigitalLinkBase"] = DrugTraceFactory.DigitalLinkBase;
        // The host's own start-up line, whatever the app's log levels say.
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (ListeningAddress(e.Data) is { } address) listening.TrySetResult(address);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (log) log.AppendLine(e.Data);
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The app exited with code {process.ExitCode} before listening:\n{Text(log)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Uri bound;
        try
        {
            bound = await listening.Task.WaitAsync(TimeSpan.FromSeconds(180));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The app did not say where it listens within 180 s:\n{Text(log)}");
        }
        var app = new AppProcess(process, bound);
        await app.WaitUntilHealthyAsync();
        return app;
    }

    /// <summary>The address in the host's "Now listening on: http://127.0.0.1:41235" line.</summary>
    internal static Uri? ListeningAddress(string line)
    {
        const string marker = "Now listening on: ";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 && Uri.TryCreate(line[(at + marker.Length)..].Trim(), UriKind.Absolute, out var address) ? address : null;
    }

    private static string Text(System.Text.StringBuilder log)
    {
        lock (log) return log.ToString();
    }

    public HttpClient ClientFor(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with code {_process.ExitCode}.");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The app did not become healthy within 180 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
