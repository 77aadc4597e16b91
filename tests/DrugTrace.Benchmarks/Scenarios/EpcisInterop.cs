using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// The interoperability routes over HTTP: VRS verification latency (a saleable-return check) against
/// the floor of an authenticated request measured in the same run, and an EPCIS capture of a
/// 10,000-event document (commissioning then shipping) against the same handoffs sent as scans.
/// </summary>
public static class EpcisInterop
{
    public const int ScanClients = 16;

    public static async Task<ScenarioResult> RunAsync(Scale scale, WebAppProcess app, ApiClient api, string gtin)
    {
        var figures = new List<Figure>();

        // VRS: packs in the pharmacy's stock, verified one request at a time, as a router forwards them.
        var lot = await api.PostAsync<LotResponse>("/api/v1/lots", ApiClient.Manufacturer, new { gtin, lot = "VRS1", expiry = "2030-12-31", quantity = 1_000 });
        await SendAllAsync(api, ApiClient.Manufacturer, lot.Serials.Select(s => ApiClient.ScanBody(ApiClient.Code(lot, s), "ship", ApiClient.PharmacyGln)));
        await SendAllAsync(api, ApiClient.Pharmacy, lot.Serials.Select(s => ApiClient.ScanBody(ApiClient.Code(lot, s), "receive")));
        var verifications = scale.Of(20_000);
        var paths = lot.Serials.Select(s =>
            $"/vrs/verify/gtin/{gtin}/lot/VRS1/ser/{Uri.EscapeDataString(s)}?exp=301231&linkType=verificationService&context=dscsaSaleableReturn&reqGLN={ApiClient.PharmacyGln}").ToArray();
        const string FloorPath = "/epcis/capture";
        var warm = Math.Max(200, scale.Of(2_000));
        await LoopAsync(warm, i => api.SendAsync(HttpMethod.Get, paths[i % paths.Length], ApiClient.Pharmacy), null);
        await LoopAsync(warm, _ => api.SendAsync(HttpMethod.Options, FloorPath, ApiClient.Pharmacy), null);
        var floor = new LatencyRecorder(verifications);
        var vrs = new LatencyRecorder(verifications);
        var notVerified = 0;
        // Interleaved in rounds, so that both see the same machine load.
        for (var round = 0; round < 4; round++)
        {
            await LoopAsync(verifications / 4, _ => api.SendAsync(HttpMethod.Options, FloorPath, ApiClient.Pharmacy), floor);
            notVerified += await LoopAsync(verifications / 4, i => api.SendAsync(HttpMethod.Get, paths[(round * verifications / 4 + i) % paths.Length], ApiClient.Pharmacy), vrs,
                body => body.Contains("\"verified\":true", StringComparison.Ordinal));
        }
        var v = vrs.Summarize();
        var f = floor.Summarize();
        figures.Add(new("VRS verify latency p95 (one requester)", "≤ 10 ms", $"{Measure.Ms(v.P95)} ({v})", v.P95 <= 10));
        figures.Add(new("VRS verify p95 vs. an authenticated no-op request", "(reference)",
            $"{v.P95 / f.P95:0.0}× the floor's p95 {Measure.Ms(f.P95)} (floor: {f})", null));
        figures.Add(new("VRS answers", "all verified", notVerified == 0 ? "all verified" : $"{notVerified} not verified", notVerified == 0, IsCorrectness: true));

        // Capture: a warm-up document, then 10,000 events: N commissionings (one pack each, one lot) and their N shipments.
        var events = scale.Of(10_000);
        var packs = events / 2;
        await CaptureAsync(api, Document(gtin, "CAPW", Math.Max(50, scale.Of(500)) / 2));
        var document = Document(gtin, "CAP1", packs);
        var bytes = Encoding.UTF8.GetByteCount(document);
        var loadAtCapture = Report.LoadAverage();
        var cpuBefore = app.CpuTime;
        var (elapsed, job) = await CaptureAsync(api, document);
        var captureCpu = app.CpuTime - cpuBefore;
        var applied = job.GetProperty("applied").GetInt32();
        var rate = Measure.Rate(applied, elapsed);
        figures.Add(new($"capture of a {Measure.N(events)}-event document (rollback)", "≥ 5,000 events/s applied",
            $"{Measure.N(rate)} events/s ({Measure.N(applied)} applied in {Measure.Seconds(elapsed)}, {Measure.Mb(bytes)} of JSON-LD; load average {loadAtCapture} when it started)",
            rate >= 5_000));
        figures.Add(new("capture result", "success, every event applied", job.GetProperty("success").GetBoolean() && applied == events
            ? "success, every event applied" : $"applied {applied} of {events}: {Truncate(job.GetProperty("errors").GetRawText())}",
            job.GetProperty("success").GetBoolean() && applied == events, IsCorrectness: true));
        figures.Add(new("capture: the app's CPU time", "(reference)",
            $"{Measure.Seconds(captureCpu)} of CPU for {Measure.N(applied)} events = {Measure.N(Measure.Rate(applied, captureCpu))} events per CPU-second "
            + $"(the wall-clock rate on a quiet machine with {Environment.ProcessorCount} cores is at most {Environment.ProcessorCount} times this)", null));

        // The same work through the app's own API in the same run: the lot of N packs registered (the N commissionings)
        // and one POST /api/v1/scans ship per pack (the N shipments), timed together.
        var scanCpuBefore = app.CpuTime;
        var start = Stopwatch.GetTimestamp();
        var reference = await api.PostAsync<LotResponse>("/api/v1/lots", ApiClient.Manufacturer, new { gtin, lot = "REF1", expiry = "2030-12-31", quantity = packs });
        var shipBodies = reference.Serials.Select(s => ApiClient.ScanBody(ApiClient.Code(reference, s), "ship", ApiClient.WholesalerGln)).ToList();
        await SendAllAsync(api, ApiClient.Manufacturer, shipBodies);
        var apiElapsed = Stopwatch.GetElapsedTime(start);
        var apiCpu = app.CpuTime - scanCpuBefore;
        var apiRate = Measure.Rate(packs * 2, apiElapsed);
        figures.Add(new("capture vs. the same events through the API", "(reference)",
            $"capture {Measure.Seconds(elapsed)} ({Measure.Seconds(captureCpu)} CPU) vs. API {Measure.Seconds(apiElapsed)} ({Measure.Seconds(apiCpu)} CPU): "
            + $"capture {Measure.N(rate)} events/s = {rate / apiRate * 100:0} % of the API's {Measure.N(apiRate)} events/s "
            + $"(a lot of {Measure.N(packs)} packs, then {Measure.N(packs)} ship scans over {ScanClients} connections)", null));

        var method = $"""
            Same child-process app as scenario 4 (`Synchronous=FULL`), a database of its own. **VRS:** 1,000 packs are
            commissioned, shipped to the pharmacy and received there (untimed); then {Measure.N(verifications)} `GET
            /vrs/verify/gtin/…/lot/…/ser/…?exp=…&linkType=verificationService&context=dscsaSaleableReturn&reqGLN=…` with
            the pharmacy's key are sent **one at a time** (a VRS router forwards single saleable-return checks), after
            {Measure.N(warm)} untimed warm-up requests. Each verification reads the product, pack and lot and logs a scan
            row (group-committed, fsynced before the answer). The floor is `OPTIONS /epcis/capture` with the same key
            (HTTP, API-key authentication and routing, no store access), measured in four rounds interleaved with the
            verifications. **Capture:** `POST /epcis/capture` (`application/ld+json`, default rollback) of an
            EPCISDocument of {Measure.N(packs)} commissioning ObjectEvents (one SGTIN each, lot and expiry in the ILMD,
            the first registering the lot, the others adding to it) followed by the {Measure.N(packs)} shipping events of
            those packs to the wholesaler; timed from sending the POST to the first `GET /epcis/capture/ID` (polled
            every 10 ms) that answers `running: false`, so it includes the schema validation, the event hash IDs, the
            decisions and the one transaction that stores {Measure.N(packs * 2 + 1)} events. A warm-up document runs first.
            The load average is read as the capture starts (the other helpers' builds and tests share the 2 cores), and
            the app process's CPU time over the capture is given beside the wall-clock rate: it moves less with the load.
            The reference is the same work through the app's own API in the same run, timed as one: `POST /api/v1/lots`
            of {Measure.N(packs)} packs (the commissionings), then one `POST /api/v1/scans` ship per pack over
            {ScanClients} connections (the shipments).
            Peak working set of the app process after this scenario: {Measure.Mb(app.PeakWorkingSet)}.
            """;
        return new ScenarioResult("13. EPCIS capture and VRS over HTTP", figures, method);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static async Task<(TimeSpan Elapsed, JsonElement Job)> CaptureAsync(ApiClient api, string document)
    {
        var start = Stopwatch.GetTimestamp();
        var content = new StringContent(document, Encoding.UTF8, "application/ld+json");
        var (_, status, body, location) = await api.SendAsync(HttpMethod.Post, "/epcis/capture", ApiClient.Manufacturer, content, ("GS1-EPCIS-Version", "2.0"));
        if (status != 202 || location is null) throw new InvalidOperationException($"The capture answered {status}: {Truncate(body)}");
        while (true)
        {
            var job = JsonDocument.Parse(await api.GetStringAsync(location, ApiClient.Manufacturer)).RootElement.Clone();
            if (!job.GetProperty("running").GetBoolean()) return (Stopwatch.GetElapsedTime(start), job);
            await Task.Delay(10);
        }
    }

    private static string Document(string gtin, string lot, int packs)
    {
        var place = new JsonObject { ["id"] = $"https://id.gs1.org/414/{ApiClient.ManufacturerGln}" };
        var list = new JsonArray();
        for (var i = 0; i < packs; i++)
        {
            list.Add(new JsonObject
            {
                ["type"] = "ObjectEvent", ["eventTime"] = "2026-06-01T08:00:00.000Z", ["eventTimeZoneOffset"] = "+00:00",
                ["epcList"] = new JsonArray($"https://id.gs1.org/01/{gtin}/21/{lot}S{i:D6}"), ["action"] = "ADD",
                ["bizStep"] = "commissioning", ["disposition"] = "active", ["readPoint"] = place.DeepClone(),
                ["ilmd"] = new JsonObject { ["cbvmda:lotNumber"] = lot, ["cbvmda:itemExpirationDate"] = "2030-12-31" },
            });
        }
        for (var i = 0; i < packs; i++)
        {
            list.Add(new JsonObject
            {
                ["type"] = "ObjectEvent", ["eventTime"] = "2026-06-01T09:00:00.000Z", ["eventTimeZoneOffset"] = "+00:00",
                ["epcList"] = new JsonArray($"https://id.gs1.org/01/{gtin}/21/{lot}S{i:D6}"), ["action"] = "OBSERVE",
                ["bizStep"] = "shipping", ["disposition"] = "in_transit", ["readPoint"] = place.DeepClone(),
                ["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = $"https://id.gs1.org/417/{ApiClient.WholesalerGln}" }),
            });
        }
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"),
            ["type"] = "EPCISDocument", ["schemaVersion"] = "2.0", ["creationDate"] = "2026-06-01T10:00:00.000Z",
            ["epcisBody"] = new JsonObject { ["eventList"] = list },
        }.ToJsonString();
    }

    private static async Task<int> LoopAsync(int count, Func<int, Task<(long Ticks, int Status, string Body, string? Location)>> send, LatencyRecorder? latencies,
        Func<string, bool>? ok = null)
    {
        var failed = 0;
        for (var i = 0; i < count; i++)
        {
            var (ticks, status, body, _) = await send(i);
            latencies?.Add(ticks);
            if (status >= 400 || (ok is not null && !ok(body))) failed++;
        }
        return failed;
    }

    private static async Task SendAllAsync(ApiClient api, string apiKey, IEnumerable<byte[]> scans)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<byte[]>(scans);
        await Task.WhenAll(Enumerable.Range(0, ScanClients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var body))
            {
                if (!(await api.ScanAsync(apiKey, body)).Ok)
                    throw new InvalidOperationException("Setting up the interop benchmark: a handoff was refused.");
            }
        })));
    }
}
