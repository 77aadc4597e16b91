using System.Diagnostics;
using System.Text.Json;
using DrugTrace.Web.Scanning;
using DrugTrace.Web.Tests.Scanning;
using Microsoft.Extensions.Options;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// How many of a varied set of label photos the server reads (PhotoReader, as POST
/// /api/v1/scans/image does), beside zxing-wasm, the browser decoder, on the same files.
/// </summary>
public static class PhotoReadRate
{
    public static ScenarioResult Run(Scale scale)
    {
        var perKind = scale.Quick ? 2 : 12;
        var photos = LabelPhotoSet.Make(perKind, seed: 2026);
        using var folder = AppPaths.NewTempFolder("photos");
        foreach (var photo in photos) File.WriteAllBytes(Path.Combine(folder.Path, $"{photo.Name}.{photo.Extension}"), photo.File);

        var budgeted = Read(photos, new ScanningOptions());
        var patient = Read(photos, new ScanningOptions { SearchBudgetMs = 60_000 });
        var wasm = ReadWithZxingWasm(folder.Path, photos);

        string Rate(int read) => $"{read * 100.0 / photos.Count:0.0} % ({read} of {photos.Count})";
        var serverRead = budgeted.Read.Count;
        var figures = new List<Figure>
        {
            new("server read rate, default 250 ms search budget", ">= 95 %", Rate(serverRead), serverRead >= 0.95 * photos.Count),
            new("server read rate, 60 s budget (what the strategy can read; tests use this)", "(reference)", Rate(patient.Read.Count), null),
            wasm.Error is null
                ? new("zxing-wasm 3.1.4 (browser decoder) read rate, same files", "(reference)", Rate(wasm.Read!.Count), null)
                : new("zxing-wasm 3.1.4 (browser decoder) read rate, same files", "(reference)", "not measured: " + wasm.Error, null),
            wasm.Error is null
                ? new("server reads at least what zxing-wasm reads", "yes", serverRead >= wasm.Read!.Count ? "yes" : $"no ({wasm.Read!.Count - serverRead} fewer)", serverRead >= wasm.Read!.Count)
                : new("server reads at least what zxing-wasm reads", "yes", "not measured", null),
            new("server time per photo, p95 (default budget)", "<= 300 ms", Measure.Ms(Percentile(budgeted.Ms, 95)), Percentile(budgeted.Ms, 95) <= 300),
            new("server time per photo, max (default budget)", "(reference)", Measure.Ms(budgeted.Ms.Max()), null),
        };
        var byKind = string.Join(", ", LabelPhotoSet.Kinds.Select(k =>
            $"{k} {budgeted.Read.Count(n => n.StartsWith(k + "-", StringComparison.Ordinal))}/{patient.Read.Count(n => n.StartsWith(k + "-", StringComparison.Ordinal))}/{(wasm.Read is null ? "-" : wasm.Read.Count(n => n.StartsWith(k + "-", StringComparison.Ordinal)).ToString(Measure.Inv))}"));
        var onlyWasm = wasm.Read is null ? [] : wasm.Read.Except(budgeted.Read).ToList();
        return new ScenarioResult("11. Photo read rate (server vs. browser)", figures,
            $"""
            {photos.Count} photos made by `LabelPhotoSet` (tests/DrugTrace.Web.Tests/Scanning) from the app's own GS1
            DataMatrix labels with SkiaSharp, {perKind} of each kind: clean, small (100-200 px), large (2200-3000 px),
            phone (4000 x 3000 JPEG), rotated (0-360°), perspective, blurred, noisy, JPEG quality 30, low contrast,
            cluttered, and mixes of these. Each is read once by `PhotoReader.Read` with the default search budget and
            with 60 s, and by zxing-wasm 3.1.4 in node (`zxing-read.mjs`: the committed wwwroot/lib/zxing files,
            DataMatrix and QR, tryHarder, the image file decoded by zxing-wasm itself). A read counts when the text is
            the label's element string. Per kind (server with budget / server with 60 s / zxing-wasm): {byKind}.
            {(onlyWasm.Count > 0 ? "Read by zxing-wasm but not by the server within the budget: " + string.Join(", ", onlyWasm) + "." : "")}
            The times include decoding the file; on a loaded machine the budget cuts the search of poor photos short
            (a photo's first attempts always run), which is why both budgets are shown.
            """);
    }

    private static (List<string> Read, List<double> Ms) Read(IReadOnlyList<LabelPhoto> photos, ScanningOptions options)
    {
        var reader = new PhotoReader(Options.Create(options));
        reader.Read(photos[0].File); // warm-up
        var read = new List<string>();
        var ms = new List<double>();
        foreach (var photo in photos)
        {
            var start = Stopwatch.GetTimestamp();
            var (code, _) = reader.Read(photo.File);
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (code?.Text == photo.Expected) read.Add(photo.Name);
        }
        return (read, ms);
    }

    private static (List<string>? Read, string? Error) ReadWithZxingWasm(string folder, IReadOnlyList<LabelPhoto> photos)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "zxing-read.mjs");
        var zxing = Path.Combine(AppPaths.SolutionRoot, "wwwroot", "lib", "zxing");
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", [script, zxing, folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            node.WaitForExit();
            if (node.ExitCode != 0) return (null, "node failed: " + stderr.Result.Split('\n')[0]);
            var texts = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stdout.Result)!;
            // zxing-wasm gives the GS1 data without the leading FNC1 that ZXing.Net keeps as GS.
            return ([.. photos.Where(p => texts.TryGetValue($"{p.Name}.{p.Extension}", out var t) && t.Any(x => x.TrimStart('\u001d') == p.Expected.TrimStart('\u001d'))).Select(p => p.Name)], null);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "node is not installed");
        }
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }
}
