using System.Globalization;
using System.Text.Json;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Cli;

/// <summary>
/// Watches a log from outside: downloads its checkpoint and the tiles its root needs,
/// recomputes the root, and checks that the log only grew since the checkpoint seen last
/// (kept with the log's key in a small state file).
/// </summary>
internal static class Monitor
{
    private sealed record State(string Key, long Size, string Root);

    public static async Task<int> RunAsync(Arguments a, TextWriter output, TextWriter error, HttpClient? http)
    {
        if (a.Positional.Count != 1 || !Uri.TryCreate(a.Positional[0].TrimEnd('/') + "/", UriKind.Absolute, out var baseUri)
            || baseUri.Scheme is not ("http" or "https"))
            throw new UsageException("monitor takes the log's base URL, for example http://localhost:5080");
        var statePath = a.Optional("--state") ?? ".drugtrace-monitor.json";
        var previous = ReadState(statePath);
        using var owned = http is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(60) } : null;
        var client = http ?? owned!;

        try
        {
            var keyText = a.Optional("--log-key") ?? previous?.Key ?? (await client.GetStringAsync(new Uri(baseUri, "log/key"))).Trim();
            var key = Commands.Key(keyText, "--log-key");
            if (previous is not null && previous.Key != key.VerifierKey)
                return Fail(error, $"the log key {key.VerifierKey} is not the one pinned in {statePath} ({previous.Key})");

            var noteText = await client.GetStringAsync(new Uri(baseUri, "log/checkpoint"));
            if (!SignedNote.TryParse(noteText, out var note, out var problem)) return Fail(error, $"the checkpoint is not a signed note: {problem}");
            var check = note!.Open([key], out _);
            if (!check.IsValid) return Fail(error, $"the checkpoint: {check.Problem}");
            if (!Checkpoint.TryParse(note.Text, out var checkpoint, out problem)) return Fail(error, $"the checkpoint: {problem}");
            output.WriteLine($"ok   checkpoint of {checkpoint!.Origin}: size {checkpoint.Size}, signed by {key.Name}");

            var nodes = new TileNodes(checkpoint.Size);
            var tiles = TileNodes.TilesFor(checkpoint.Size, src => MerkleProofs.Root(src, checkpoint.Size));
            foreach (var (level, index, width) in tiles)
            {
                var bytes = await client.GetByteArrayAsync(new Uri(baseUri, "log/" + LogTiles.Path(level, index, width)));
                if (bytes.Length != width * Hash256.Size)
                    return Fail(error, $"tile {LogTiles.Path(level, index, width)} holds {bytes.Length} bytes, not {width * Hash256.Size}");
                nodes.Add(level, index, [.. Enumerable.Range(0, width).Select(i => Hash256.FromBytes(bytes.AsSpan(i * Hash256.Size, Hash256.Size)))]);
            }
            var root = checkpoint.Size == 0 ? Rfc6962.EmptyRoot : MerkleProofs.Root(nodes, checkpoint.Size);
            if (root != checkpoint.Root) return Fail(error, $"the tiles hash to root {B64(root)}, the checkpoint says {B64(checkpoint.Root)}");
            output.WriteLine($"ok   root recomputed from {tiles.Count} tile(s)");

            if (previous is not null)
            {
                var oldRoot = Hash256.FromBytes(Convert.FromBase64String(previous.Root));
                if (checkpoint.Size < previous.Size)
                    return Fail(error, $"the log shrank from {previous.Size} to {checkpoint.Size}: it was rewritten");
                if (checkpoint.Size == previous.Size && checkpoint.Root != oldRoot)
                    return Fail(error, $"the log of size {previous.Size} now has another root: it was rewritten (or shows a split view)");
                if (checkpoint.Size > previous.Size && previous.Size > 0)
                {
                    var url = $"log/proof/consistency?from={previous.Size.ToString(CultureInfo.InvariantCulture)}&to={checkpoint.Size.ToString(CultureInfo.InvariantCulture)}";
                    using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri(baseUri, url)));
                    var proof = doc.RootElement.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString() ?? "")).ToList();
                    var consistent = ProofVerifier.VerifyConsistency(previous.Size, checkpoint.Size, proof, oldRoot.ToBytes(), checkpoint.Root.ToBytes());
                    if (!consistent.IsValid) return Fail(error, $"the log is not consistent with the checkpoint seen last (size {previous.Size}): {consistent.Problem}");
                }
                output.WriteLine($"ok   consistent with the checkpoint seen last (size {previous.Size})");
            }
            File.WriteAllText(statePath, JsonSerializer.Serialize(new State(key.VerifierKey, checkpoint.Size, B64(checkpoint.Root))));
            output.WriteLine($"VALID: {checkpoint.Origin} at size {checkpoint.Size}; state kept in {statePath}.");
            return 0;
        }
        catch (HttpRequestException ex)
        {
            return Fail(error, $"the log did not answer: {ex.Message}");
        }
        catch (TaskCanceledException)
        {
            return Fail(error, "the log did not answer in time");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return Fail(error, $"the log's answer is malformed: {ex.Message}");
        }
    }

    private static State? ReadState(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<State>(File.ReadAllText(path)) ?? throw new UsageException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"the state file {path} is not readable: {ex.Message}");
        }
    }

    private static string B64(Hash256 h) => Convert.ToBase64String(h.ToBytes());

    private static int Fail(TextWriter error, string problem)
    {
        error.WriteLine($"FAIL {problem}");
        return 1;
    }
}
