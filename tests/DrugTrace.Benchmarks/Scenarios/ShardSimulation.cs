using System.Buffers.Text;
using System.Diagnostics;
using System.Text;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// The sharded log of docs/SCALING.md in process: N shards, each its own hash-chained log with its own
/// Merkle tree (the app's <see cref="CompactRange"/> and RFC 6962 hashing), and a coordinator that folds
/// the shard heads into a top-level tree and signs it as one checkpoint (the app's <see cref="NoteSigner"/>).
/// No storage: it shows what the log and tree design costs per append and per signed top-level
/// checkpoint, and whether the checkpoints keep up at EU volume; the durable rate of one node is scenario 5's.
/// </summary>
public static class ShardSimulation
{
    /// <summary>About 30 million pack scans a week in the EU (issue 17), every scan counted as an append.</summary>
    public const double EuScansPerWeek = 30_000_000;

    private const int BodySize = 300;
    private static readonly int[] ShardCounts = [1, 4, 16];

    public static double EuAverage => EuScansPerWeek / (7 * 24 * 3600.0);
    public static double EuPeak => 10 * EuAverage;

    public static async Task<ScenarioResult> RunAsync(Scale scale, double? durableHandoffsPerSecond)
    {
        var unpaced = TimeSpan.FromSeconds(scale.Quick ? 0.3 : 2);
        var flat = new List<(int Shards, double Rate)>();
        foreach (var shards in ShardCounts)
        {
            var run = await RunOnceAsync(shards, perShardRate: null, unpaced, TimeSpan.FromMilliseconds(100));
            flat.Add((shards, run.Rate));
        }

        // Ten times the EU peak, spread on 16 shards, with a signed top-level checkpoint every second.
        const int PacedShards = 16;
        var target = 10 * EuPeak;
        var paced = await RunOnceAsync(PacedShards, target / PacedShards, TimeSpan.FromSeconds(scale.Quick ? 1.5 : 5), TimeSpan.FromSeconds(1));

        var figures = new List<Figure>
        {
            new("EU volume", "(reference)", $"{Measure.N(EuScansPerWeek)} pack scans a week = {Measure.N(EuAverage, 1)} /s on average, {Measure.N(EuPeak)} /s at a 10x peak", null),
        };
        figures.AddRange(flat.Select(f => new Figure($"appends with chain hash and Merkle leaf, {f.Shards} shard(s), unpaced", "(reference)",
            $"{Measure.N(f.Rate)} /s in total ({Measure.N(f.Rate / f.Shards)} /s per shard; {f.Rate / EuPeak:0}x the EU peak)", null)));
        figures.Add(new($"{PacedShards} shards at 10x the EU peak ({Measure.N(target)} appends/s)", "≥ 99 % of the rate kept",
            $"{Measure.N(paced.Rate)} /s ({paced.Rate / target:P1}) over {Measure.Seconds(paced.Elapsed)}", paced.Rate >= 0.99 * target));
        figures.Add(new("an append's wait for a signed top-level checkpoint (checkpoint every 1 s)", "≤ 2 s",
            $"at most {Measure.Seconds(paced.MaxStaleness)} ({paced.Checkpoints} checkpoints, each covering all {PacedShards} shards, folded and signed in {Measure.N(paced.SignMicros)} µs on average)", paced.MaxStaleness <= TimeSpan.FromSeconds(2)));
        if (durableHandoffsPerSecond is { } durable)
            figures.Add(new("one node's durable handoffs (scenario 5, this run) vs. the EU peak", "(reference)",
                $"{Measure.N(durable)} /s = {durable / EuPeak:0.0}x the EU peak on one SQLite node of this loaded machine", null));

        var method = $"""
            In process, no storage. Each shard is a task that appends events to its own log: the event's hash is
            SHA-256 over `DrugTrace/event/v1\0 || prevHash || body` ({BodySize}-byte bodies differing by a counter, as in
            scenario 1), chained to the shard's previous one, and its RFC 6962 leaf is appended to the shard's Merkle tree
            (`CompactRange`: amortised one node hash per append) under the shard's lock. A coordinator takes every shard's
            (size, root) under its lock, hashes each head as a top-level leaf (`shard id || size || root`), folds those into
            the top-level root (`Rfc6962.Root`) and signs a checkpoint note of it with the app's Ed25519 `NoteSigner`: one
            signature vouches for every shard at once. Unpaced: {string.Join(", ", ShardCounts)} shards append as fast as
            they can for {unpaced.TotalSeconds:0.#} s each, with a top-level checkpoint every 100 ms competing with them for the
            cores. Paced: {PacedShards} shards at {Measure.N(target / PacedShards)} appends/s each
            (10x the EU peak in total), in bursts every 10 ms, with a checkpoint every second; an append's wait is from its
            append to the first signed checkpoint whose size for its shard covers it, and the fold-and-sign time is the
            average over those checkpoints. All shards share the machine's
            {Environment.ProcessorCount} cores, so the unpaced totals do not grow with the shard count here; on a cluster each
            shard has its own nodes.
            """;
        return new ScenarioResult("14. Sharded log simulation", figures, method);
    }

    private sealed record Run(double Rate, TimeSpan Elapsed, double SignMicros, TimeSpan MaxStaleness, int Checkpoints);

    private static async Task<Run> RunOnceAsync(int shardCount, double? perShardRate, TimeSpan duration, TimeSpan checkpointEvery)
    {
        var shards = Enumerable.Range(0, shardCount).Select(i => new Shard(i, perShardRate is null ? 0 : (int)(perShardRate.Value * duration.TotalSeconds * 1.2) + 16)).ToArray();
        var signer = NoteSigner.Generate("drugtrace.eu/top");
        using var stop = new CancellationTokenSource(duration);
        var start = Stopwatch.GetTimestamp();
        // A thread each: a paced shard sleeps between its bursts.
        var appenders = shards.Select(s => Task.Factory.StartNew(() => s.Append(perShardRate, start, stop.Token), TaskCreationOptions.LongRunning)).ToArray();

        long signTicks = 0;
        var checkpoints = 0;
        var staleness = TimeSpan.Zero;
        var covered = new long[shardCount];
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(checkpointEvery, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var signStart = Stopwatch.GetTimestamp();
            var heads = shards.Select(s => s.Head()).ToArray();
            var leaves = heads.Select((h, i) => TopLeaf(i, h.Size, h.Root)).ToArray();
            var note = new Checkpoint(signer.Name, shardCount, Rfc6962.Root(leaves)).Text;
            _ = signer.SignatureLine(note);
            var signed = Stopwatch.GetTimestamp();
            signTicks += signed - signStart;
            checkpoints++;
            for (var i = 0; i < shardCount; i++)
            {
                // The oldest append this checkpoint covers for the first time waited the longest.
                if (perShardRate is not null && heads[i].Size > covered[i])
                {
                    var wait = Stopwatch.GetElapsedTime(shards[i].AppendedAt(covered[i]), signed);
                    if (wait > staleness) staleness = wait;
                }
                covered[i] = heads[i].Size;
            }
        }
        await Task.WhenAll(appenders);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var appended = shards.Sum(s => s.Head().Size);
        return new Run(Measure.Rate(appended, elapsed), elapsed,
            checkpoints == 0 ? double.NaN : signTicks * 1_000_000.0 / Stopwatch.Frequency / checkpoints, staleness, checkpoints);
    }

    private static Hash256 TopLeaf(int shard, long size, Hash256 root)
    {
        Span<byte> input = stackalloc byte[4 + 8 + Hash256.Size];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(input, shard);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(input[4..], size);
        root.WriteTo(input[12..]);
        return Rfc6962.LeafHash(Sha256.Hash(input));
    }

    /// <summary>One shard's log: its chain head and tree, appended by one task, read by the coordinator.</summary>
    private sealed class Shard(int id, int timesKept)
    {
        private readonly Lock _gate = new();
        private readonly CompactRange _tree = new();
        private readonly long[] _appendedAt = new long[timesKept];

        public (long Size, Hash256 Root) Head()
        {
            lock (_gate) return (_tree.Size, _tree.Root());
        }

        public long AppendedAt(long index) => _appendedAt[index];

        public void Append(double? rate, long start, CancellationToken stop)
        {
            var prefix = "DrugTrace/event/v1\0"u8;
            var buffer = new byte[prefix.Length + Hash256.Size + BodySize];
            prefix.CopyTo(buffer);
            var body = buffer.AsSpan(prefix.Length + Hash256.Size);
            body.Fill((byte)'x');
            Encoding.ASCII.GetBytes($"{{\"shard\":{id},\"seq\":").CopyTo(body);
            var counter = body[24..];
            var previous = buffer.AsSpan(prefix.Length, Hash256.Size);
            long n = 0;
            // Paced appends keep their times, in an array sized for the run.
            var limit = rate is null ? long.MaxValue : _appendedAt.Length;
            while (!stop.IsCancellationRequested)
            {
                // Paced: append what is due by now, then wait for the next 10 ms burst.
                var due = rate is { } r ? (long)(r * Stopwatch.GetElapsedTime(start).TotalSeconds) : n + 256;
                for (; n < due && n < limit; n++)
                {
                    Utf8Formatter.TryFormat(n, counter, out _);
                    Sha256.Hash(buffer, previous);
                    var leaf = Rfc6962.LeafHash(Hash256.FromBytes(previous));
                    lock (_gate)
                    {
                        if (rate is not null) _appendedAt[_tree.Size] = Stopwatch.GetTimestamp();
                        _tree.Append(leaf);
                    }
                }
                if (rate is not null) Thread.Sleep(10);
            }
        }
    }
}
