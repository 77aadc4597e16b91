using System.Diagnostics;
using System.Text.Json;
using DrugTrace.Benchmarks;
using DrugTrace.Benchmarks.Ceiling;
using DrugTrace.Benchmarks.Scenarios;

// dotnet run -c Release --project tests/DrugTrace.Benchmarks -- [--quick] [--out docs/BENCHMARKS.md] [--only 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]
//     [--store sqlite|mongo --mongo mongodb://host1,host2,host3/?replicaSet=rs0]
const string Usage = "usage: DrugTrace.Benchmarks [--quick] [--out FILE] [--only 1,2,...] [--store sqlite|mongo] [--mongo URL]";
if (args.FirstOrDefault() == CeilingServer.Argument) return await CeilingServer.RunAsync(args[1..]);
var quick = args.Contains("--quick");
var outIndex = Array.IndexOf(args, "--out");
var onlyIndex = Array.IndexOf(args, "--only");
var storeIndex = Array.IndexOf(args, "--store");
var mongoIndex = Array.IndexOf(args, "--mongo");
// Anything else (--help, a typo) gets the usage: a full run takes twenty minutes, not a thing to start by mistake.
var valued = new[] { outIndex, onlyIndex, storeIndex, mongoIndex }.Where(i => i >= 0).ToArray();
var unknown = args.Where((a, i) => a != "--quick" && !valued.Contains(i) && !valued.Contains(i - 1));
var onlyText = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : "1";
if (valued.Any(i => i + 1 >= args.Length) || unknown.Any()
    || onlyText.Split(',').Any(s => !int.TryParse(s, out var n) || n is < 1 or > 17))
{
    Console.Error.WriteLine(Usage);
    return 64;
}
var storeName = storeIndex >= 0 ? args[storeIndex + 1].ToLowerInvariant() : mongoIndex >= 0 ? "mongo" : "sqlite";
if (storeName is not ("sqlite" or "mongo") || (storeName == "mongo" && mongoIndex < 0))
{
    Console.Error.WriteLine(storeName == "mongo" ? "--store mongo needs --mongo URL (a replica set, e.g. mongodb://localhost:27017/?replicaSet=rs0)." : Usage);
    return 64;
}
var store = storeName == "mongo" ? StoreChoice.Mongo(args[mongoIndex + 1]) : StoreChoice.Sqlite;
if (await store.CheckReachableAsync() is { } unreachable)
{
    Console.Error.WriteLine(unreachable);
    return 69;
}
// --only runs some scenarios (while working on one); 3 needs 2, and 2 needs 1's raw rate.
var only = onlyIndex >= 0 ? args[onlyIndex + 1].Split(',').Select(int.Parse).ToHashSet() : null;
bool Runs(int scenario) => only is null || only.Contains(scenario);
// A quick run is a smoke test: unless told otherwise it leaves the committed report alone.
var output = outIndex >= 0
    ? Path.GetFullPath(args[outIndex + 1])
    : quick
        ? Path.Combine(Path.GetTempPath(), "drugtrace-BENCHMARKS.quick.md")
        // The committed report is SQLite's: a MongoDB run writes beside it unless told otherwise.
        : Path.Combine(AppPaths.SolutionRoot, "docs", store.IsMongo ? "BENCHMARKS-mongo.md" : "BENCHMARKS.md");

var scale = new Scale(quick);
var load = Report.LoadAverage();
var total = Stopwatch.StartNew();
var results = new List<ScenarioResult>();

void Done(ScenarioResult result)
{
    results.Add(result);
    foreach (var f in result.Figures)
        Console.WriteLine($"[{total.Elapsed:mm\\:ss}] {result.Name} | {f.Metric}: {f.Measured} (target {f.Target})");
}

Console.WriteLine($"DrugTrace benchmarks ({(quick ? "quick, ~1/100 scale" : "full scale")}) on {store.Describe()}, report to {output}");

var sqliteRowsPerSecond = double.NaN;
if (Runs(1) || Runs(2))
{
    (var limits, sqliteRowsPerSecond) = PhysicalLimits.Run(scale);
    Done(limits);
}

if (Runs(2) || Runs(3))
{
    using var folder = AppPaths.NewTempFolder("commission");
    await using var app = new InProcessApp(folder.Path, store: store);
    Done(await Commission.RunAsync(scale, app, sqliteRowsPerSecond));
    if (Runs(3)) Done(await Audit.RunAsync(scale, app));
}

if (Runs(12))
{
    using var keptFolder = AppPaths.NewTempFolder("merkle-kept");
    using var bareFolder = AppPaths.NewTempFolder("merkle-bare");
    await using var kept = new InProcessApp(keptFolder.Path, store: store);
    await using var bare = new InProcessApp(bareFolder.Path, store: store);
    Done(await MerkleTree.RunAsync(scale, kept, bare));
}

// Issue 17's scale targets: memory while commissioning 10,000,000 packs, on an app and folder of its own.
if (Runs(17))
{
    using var folder = AppPaths.NewTempFolder("memory");
    await using var app = new InProcessApp(folder.Path,
        store: store.IsMongo ? store with { MongoDatabase = store.MongoDatabase + "_memory" } : store);
    Done(await MemoryAtScale.RunAsync(scale, app));
}

double? verifyRate = null;
double? handoffRate = null;
if (Runs(4) || Runs(5))
{
    using var folder = AppPaths.NewTempFolder("http");
    // The HTTP scenarios use a database of their own, as they use a folder of their own.
    await using var web = await WebAppProcess.StartAsync(folder.Path, synchronous: "FULL",
        store.IsMongo ? store with { MongoDatabase = store.MongoDatabase + "_http" } : store);
    await using var ceilingServer = await WebAppProcess.StartCeilingAsync();
    var ceiling = new HttpCeiling(LoadGenerators.Choose(), ceilingServer.BaseAddress, scale);
    using var api = new ApiClient(web.BaseAddress);
    var gtin = AppPaths.Gtin(90002);
    await api.PostAsync<JsonElement>("/api/v1/products", ApiClient.Manufacturer, new { gtin, name = "Benchmark capsules 20 mg, 20" });
    // Ceiling, app, ceiling: the ratios hold the ceiling's better run against the app's, all in this run.
    await ceiling.MeasureAsync();
    var verify = Runs(4) ? await VerifyOverHttp.MeasureAsync(api, gtin, ceiling, web.BaseAddress) : null;
    var handoffs = Runs(5) ? await Handoffs.MeasureAsync(scale, api, gtin, ceiling, web.BaseAddress) : default;
    await ceiling.MeasureAsync();
    if (verify is not null)
    {
        verifyRate = verify.Rate;
        Done(VerifyOverHttp.Report(verify, ceiling, web));
    }
    if (handoffs.Run is not null)
    {
        handoffRate = handoffs.Run.Rate;
        Done(Handoffs.Report(handoffs.Run, handoffs.Packs, ceiling, web));
    }
}

// The sharded log's simulation; the durable rate of one node it is compared with is scenario 5's, when it ran.
if (Runs(14)) Done(await ShardSimulation.RunAsync(scale, handoffRate));

if (Runs(6)) Done(Gs1Parse.Run(scale));

if (Runs(7))
{
    // A fresh app, so that earlier scenarios' load does not sit in its queues.
    using var folder = AppPaths.NewTempFolder("alerts");
    await using var web = await WebAppProcess.StartAsync(folder.Path, synchronous: "FULL",
        store.IsMongo ? store with { MongoDatabase = store.MongoDatabase + "_alerts" } : store);
    using var api = new ApiClient(web.BaseAddress);
    var gtin = AppPaths.Gtin(90007);
    await api.PostAsync<JsonElement>("/api/v1/products", ApiClient.Manufacturer, new { gtin, name = "Alert benchmark tablets, 30" });
    Done(await AlertsLive.RunAsync(scale, web, api, gtin, verifyRate));
}

if (Runs(16))
{
    // 1,000 listeners on a fresh app of their own, as scenario 7's 50.
    using var folder = AppPaths.NewTempFolder("alerts-many");
    await using var web = await WebAppProcess.StartAsync(folder.Path, synchronous: "FULL",
        store.IsMongo ? store with { MongoDatabase = store.MongoDatabase + "_alerts_many" } : store);
    using var api = new ApiClient(web.BaseAddress);
    var gtin = AppPaths.Gtin(90016);
    await api.PostAsync<JsonElement>("/api/v1/products", ApiClient.Manufacturer, new { gtin, name = "Alert scale benchmark tablets, 30" });
    Done(await AlertsAtScale.RunAsync(scale, web, api, gtin));
}

if (Runs(13))
{
    // The interoperability routes (VRS, EPCIS capture) on an app and database of their own.
    using var folder = AppPaths.NewTempFolder("interop");
    await using var web = await WebAppProcess.StartAsync(folder.Path, synchronous: "FULL",
        store.IsMongo ? store with { MongoDatabase = store.MongoDatabase + "_interop" } : store);
    using var api = new ApiClient(web.BaseAddress);
    var gtin = AppPaths.Gtin(90012);
    await api.PostAsync<JsonElement>("/api/v1/products", ApiClient.Manufacturer, new { gtin, name = "Interop benchmark tablets, 28" });
    Done(await EpcisInterop.RunAsync(scale, web, api, gtin));
}

if (Runs(15))
{
    using var folder = AppPaths.NewTempFolder("pallet");
    await using var app = new InProcessApp(folder.Path, store: store);
    Done(await PalletReceive.RunAsync(scale, app));
}

if (Runs(8)) Done(LabelRender.Run(scale));
if (Runs(9)) Done(PhotoDecode.Run(scale));
if (Runs(11)) Done(PhotoReadRate.Run(scale));

// 10 drives Chromium with a fake camera (Playwright); without chromium or ffmpeg it reports "not measured".
if (Runs(10))
{
    if (FakeCamera.Missing is { } missing) Done(CameraToVerdict.NotMeasured(missing));
    else
    {
        using var folder = AppPaths.NewTempFolder("camera");
        await using var web = await WebAppProcess.StartAsync(folder.Path, synchronous: "FULL",
            store.IsMongo ? store with { MongoDatabase = store.MongoDatabase + "_camera" } : store, environment: "Development");
        using var api = new ApiClient(web.BaseAddress);
        Done(await CameraToVerdict.RunAsync(scale, web, api, folder.Path));
    }
}

var commandLine = "dotnet run -c Release --project tests/DrugTrace.Benchmarks --" + (args.Length > 0 ? " " + string.Join(' ', args) : "");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
var report = Report.Write(results, quick, total.Elapsed, load, commandLine, store.Describe());
// --only into the committed report replaces those scenarios' figures and keeps the others'.
if (only is not null && outIndex < 0 && !quick && File.Exists(output))
    report = Report.Merge(await File.ReadAllTextAsync(output), report);
await File.WriteAllTextAsync(output, report);
await store.DropAsync();
if (store.IsMongo)
{
    await (store with { MongoDatabase = store.MongoDatabase + "_http" }).DropAsync();
    await (store with { MongoDatabase = store.MongoDatabase + "_alerts" }).DropAsync();
    await (store with { MongoDatabase = store.MongoDatabase + "_camera" }).DropAsync();
    await (store with { MongoDatabase = store.MongoDatabase + "_interop" }).DropAsync();
    await (store with { MongoDatabase = store.MongoDatabase + "_memory" }).DropAsync();
    await (store with { MongoDatabase = store.MongoDatabase + "_alerts_many" }).DropAsync();
}
Console.WriteLine($"Report written to {output} ({total.Elapsed.TotalSeconds:0} s).");

var broken = results.SelectMany(r => r.Figures).Where(f => f.IsCorrectness && f.Met == false).ToList();
foreach (var f in broken) Console.Error.WriteLine($"FAILED: {f.Metric}: {f.Measured}");
return broken.Count == 0 ? 0 : 1;
