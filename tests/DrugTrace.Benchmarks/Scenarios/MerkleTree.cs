using System.Diagnostics;
using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Products;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Transparency;
using DrugTrace.Storage.Sqlite;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// What the transparency log costs: commissioning with the Merkle tree kept against the same
/// commissioning without it (alternating rounds, same run), inclusion proofs at a million leaves,
/// and the audit including the root against the raw SHA-256 of the same events.
/// </summary>
public static class MerkleTree
{
    private const int Rounds = 10;
    private const int ProofSamples = 10_000;

    public static async Task<ScenarioResult> RunAsync(Scale scale, InProcessApp withTree, InProcessApp withoutTree)
    {
        if (withTree.Store.IsMongo)
            return new ScenarioResult("12. Merkle tree cost", [new("commissioning with the tree vs. without", "loses ≤ 5 %", "not measured: the switch exists in the SQLite store only", null)],
                "The tree's cost is measured on SQLite, where keeping it can be switched off for a baseline.");
        var lotsPerRound = scale.Of(1_000) / Rounds;
        var gtin = AppPaths.Gtin(90012);
        foreach (var app in new[] { withTree, withoutTree })
        {
            await app.Parties.AddAsync(new Party(Commission.ManufacturerGln, "Helvetia Pharma AG", PartyRole.Manufacturer), null, ["4012345"], default);
            await app.Parties.AddAsync(new Party(Commission.RegulatorGln, "National Medicines Verification Authority", PartyRole.Regulator), null, default);
            await app.SendAsync(new RegisterProduct(Commission.ManufacturerGln, gtin, "Merkle benchmark tablets, 30", "tablet", "10 mg"));
        }

        // Rounds alternate between the two databases so that the machine's changing load falls on both alike.
        var kept = TimeSpan.Zero;
        var bare = TimeSpan.Zero;
        long packs = 0;
        var next = 0;
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                SqliteTreeNodes.KeepTree = true;
                kept += await CommissionAsync(withTree, gtin, next, lotsPerRound);
                SqliteTreeNodes.KeepTree = false;
                bare += await CommissionAsync(withoutTree, gtin, next, lotsPerRound);
                next += lotsPerRound;
                packs += lotsPerRound * Commission.PacksPerLot;
            }
        }
        finally
        {
            SqliteTreeNodes.KeepTree = true;
        }
        var keptRate = Measure.Rate(packs, kept);
        var bareRate = Measure.Rate(packs, bare);
        var loss = 1 - keptRate / bareRate;

        // Proofs at the full size of the log that kept its tree, through the use case (validation included).
        var tree = withTree.Get<LogTree>();
        var size = await tree.SizeAsync(default);
        var root = await tree.RootAsync(size, default);
        var random = new Random(12);
        var ticks = new long[ProofSamples];
        var proofsValid = true;
        for (var i = 0; i < ProofSamples; i++)
        {
            var index = random.NextInt64(size);
            var start = Stopwatch.GetTimestamp();
            var proof = await withTree.SendAsync(new GetInclusionProof(index, size));
            ticks[i] = Stopwatch.GetTimestamp() - start;
            if (i % 100 == 0) proofsValid &= ProofVerifier.VerifyInclusion(index, size, proof.LeafHash, proof.Proof, root).IsValid;
        }
        Array.Sort(ticks);
        var p99 = Measure.PercentileMs(ticks, 99);

        // The audit holds the log to a signed checkpoint of its full size, so the root is recomputed and compared.
        await withTree.Get<CheckpointWriter>().SignIfGrownAsync(default);
        AuditReport? report = null;
        var audit = await Measure.TimeAsync(async () => report = await withTree.SendAsync(new AuditLedger(Commission.RegulatorGln)));
        var (hashed, raw) = await RawHashTimeAsync(withTree.Get<ILedgerEventQuery>());
        var ratio = audit / raw;

        var figures = new List<Figure>
        {
            new("commissioning with the tree kept", "(reference)", $"{Measure.N(keptRate)} packs/s ({Measure.N(packs)} packs in {Measure.Seconds(kept)})", null),
            new("commissioning without the tree (same run)", "(ceiling)", $"{Measure.N(bareRate)} packs/s ({Measure.N(packs)} packs in {Measure.Seconds(bare)})", null),
            new("rate lost by keeping the tree", "≤ 5 %", $"{loss:P1} ({Measure.N(keptRate)} vs. {Measure.N(bareRate)} packs/s)", loss <= 0.05),
            new($"inclusion proof p99 at {Measure.N(size)} leaves", "≤ 1 ms",
                $"{Measure.Ms(p99)} (p50 {Measure.Ms(Measure.PercentileMs(ticks, 50))}, max {Measure.Ms(Measure.PercentileMs(ticks, 100))}; {ProofSamples:N0} proofs)", p99 <= 1.0),
            new("sampled proofs verify against the root", "all", proofsValid ? "all" : "a proof failed", proofsValid, IsCorrectness: true),
            new("audit including the root", "(reference)", $"{Measure.Seconds(audit)} ({Measure.N(report!.Events)} events; checkpoint size {Measure.N(report.CheckpointSize ?? 0)})", null),
            new("raw SHA-256 of those events (same run)", "(ceiling)", $"{Measure.Seconds(raw)} ({Measure.N(hashed)} event bodies, one thread)", null),
            new("audit vs. raw SHA-256", "≤ 3x", $"{ratio:0.0}x", ratio <= 3),
            new("audit result", "valid, root equal to the checkpoint's", report.IsValid && report.CheckpointSize == size ? "valid, root compared" : $"{report.Violations.Count} violations, log: {string.Join("; ", report.LogProblems)}",
                report.IsValid && report.CheckpointSize == size, IsCorrectness: true),
        };
        var method = $"""
            Two apps built as scenario 2's (SQLite, synchronous=FULL), each on its own new data directory. {Rounds} rounds of
            {Measure.N(lotsPerRound)} lots × {Commission.PacksPerLot:N0} packs go alternately to the app that keeps the tree
            (as shipped) and to one where the store's tree step (`SqliteTreeNodes.Appended`: after every 256th leaf, read the
            tile's 256 event hashes and store its root one level up, and so on upwards) is switched off by a benchmark-only
            internal flag; {Commission.Senders} senders as in scenario 2. Each variant's time is the sum of its rounds, so both
            see the same mix of the machine's load. Then {ProofSamples:N0} `GetInclusionProof` requests for random leaves of
            the full tree ({Measure.N(size)} leaves) are sent one after another to `IMediator` (validation, the size read and
            the tile reads from SQLite included); every 100th proof is verified against the root. Then a checkpoint of the
            full log is signed and `AuditLedger` runs (every hash and link recomputed, every chain replayed through the
            lifecycle rules and compared with its row, the Merkle root folded and compared with the checkpoint's). The
            ceiling is the raw SHA-256 of the same pack events: their canonical bodies are read back through the event
            query (not timed) and each `"DrugTrace/event/v1"\0 || prevHash || body` is hashed on one thread with the
            audit's own SHA-256 (`Sha256.Hash`: libcrypto's digest functions called directly, {(Sha256.IsDirect ? "as on this machine" : "not available on this machine, so .NET's API")});
            only the hashing is timed.
            """;
        return new ScenarioResult("12. Merkle tree cost", figures, method);
    }

    private static async Task<TimeSpan> CommissionAsync(InProcessApp app, string gtin, int first, int lots)
    {
        var next = first - 1;
        var end = first + lots;
        return await Measure.TimeAsync(() => Task.WhenAll(Enumerable.Range(0, Commission.Senders).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < end; i = Interlocked.Increment(ref next))
                await app.SendAsync(new RegisterLot(Commission.ManufacturerGln, gtin, $"M{i:D6}", "2030-12-31", Commission.PacksPerLot));
        }))));
    }

    private static async Task<(long Events, TimeSpan Elapsed)> RawHashTimeAsync(ILedgerEventQuery query)
    {
        byte[] domain = [.. "DrugTrace/event/v1"u8, 0];
        var elapsed = TimeSpan.Zero;
        long events = 0;
        long? after = null;
        var digest = new byte[32];
        while (true)
        {
            var page = await query.QueryAsync(new LedgerEventQuery { AfterLogIndex = after, Take = 10_000 }, default);
            if (page.Count == 0) break;
            var inputs = page.Select(s =>
            {
                var body = EventHasher.CanonicalBody(s.Event);
                var input = new byte[domain.Length + Hash256.Size + body.Length];
                domain.CopyTo(input, 0);
                s.Event.PrevHash.WriteTo(input.AsSpan(domain.Length));
                body.CopyTo(input, domain.Length + Hash256.Size);
                return input;
            }).ToArray();
            var start = Stopwatch.GetTimestamp();
            foreach (var input in inputs) Sha256.Hash(input, digest);
            elapsed += Stopwatch.GetElapsedTime(start);
            events += inputs.Length;
            after = page[^1].LogIndex;
        }
        return (events, elapsed);
    }
}
