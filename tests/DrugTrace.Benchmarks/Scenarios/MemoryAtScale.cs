using System.Diagnostics;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Products;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// Issue 17's memory target: 10,000,000 packs commissioned through the app's own use case with
/// the working set of the process sampled all along; the peak must stay within 1 GB.
/// </summary>
public static class MemoryAtScale
{
    private const long Target = 1024L * 1024 * 1024;

    public static async Task<ScenarioResult> RunAsync(Scale scale, InProcessApp app)
    {
        var lots = scale.Of(10_000);
        var gtin = AppPaths.Gtin(90017);
        await app.Parties.AddAsync(new Party(Commission.ManufacturerGln, "Helvetia Pharma AG", PartyRole.Manufacturer), null, ["4012345"], default);
        await app.SendAsync(new RegisterProduct(Commission.ManufacturerGln, gtin, "Memory benchmark tablets, 30", "tablet", "10 mg"));

        // What earlier scenarios of this run left on the heap is not this one's: a full compacting collection first,
        // and the managed heap is sampled beside the working set, so that the two can be told apart.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        long sampledPeak = 0;
        long heapPeak = 0;
        using var stop = new CancellationTokenSource();
        // The working set every 100 ms: the process-wide PeakWorkingSet64 would also hold whatever ran before.
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                sampledPeak = Math.Max(sampledPeak, process.WorkingSet64);
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false));
                // Ends early, without throwing, when the run is over.
                await Task.WhenAny(Task.Delay(100, stop.Token));
            }
        });

        var next = -1;
        long packs = 0;
        var elapsed = await Measure.TimeAsync(() => Task.WhenAll(Enumerable.Range(0, Commission.Senders).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < lots; i = Interlocked.Increment(ref next))
            {
                var lot = await app.SendAsync(new RegisterLot(Commission.ManufacturerGln, gtin, $"G{i:D6}", "2030-12-31", Commission.PacksPerLot));
                Interlocked.Add(ref packs, lot.Serials.Count);
            }
        }))));
        await stop.CancelAsync();
        await sampler;
        process.Refresh();
        var peak = Math.Max(sampledPeak, process.WorkingSet64);
        var size = app.DatabaseFile is { } file ? AppPaths.DatabaseBytes(file) : await app.Store.StoredBytesAsync();

        var figures = new List<Figure>
        {
            new($"peak working set while commissioning {Measure.N(packs)} packs", "≤ 1 GiB",
                $"{Measure.Mb(peak)} (sampled every 100 ms; {Measure.Mb(before)} before the first lot; process peak so far {Measure.Mb(process.PeakWorkingSet64)})", peak <= Target),
            new("managed heap while commissioning", "(reference)", $"at most {Measure.Mb(heapPeak)} (GC.GetTotalMemory, sampled with the working set)", null),
            new("commission rate over the whole run", "(reference)", $"{Measure.N(Measure.Rate(packs, elapsed))} packs/s ({Measure.N(packs)} packs in {Measure.Seconds(elapsed)})", null),
            new("database size", "(reference)", $"{Measure.Mb(size)} ({Measure.N((double)size / packs)} bytes/pack, WAL included)", null),
        };
        var method = $"""
            The in-process app of scenario 2 (its service collection as `Program.cs` builds it, `Synchronous=FULL`, a new
            data directory of its own, store: {app.Store.Describe()}): {Measure.N(lots)} `RegisterLot` requests of
            {Commission.PacksPerLot:N0} packs, {Commission.Senders} in flight, each with its events hashed, its Merkle leaves and
            tile nodes stored, as scenario 2. The working set (`Process.WorkingSet64`, resident memory) is sampled every
            100 ms from before the first lot to after the last, after a full compacting collection (so that what earlier
            scenarios of the same run left on the heap is not counted); the figure is the highest sample. It includes
            the SQLite writer's 8 MiB page cache and the OS-mapped WAL index, workstation GC.
            """;
        return new ScenarioResult("17. Memory at 10,000,000 packs", figures, method);
    }
}
