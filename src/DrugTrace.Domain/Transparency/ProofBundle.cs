using System.Text;
using System.Text.Json;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// A pack's proof bundle (<c>drugtrace/proof-bundle/v1</c>): its events (canonical body, hash,
/// log index, inclusion proof) and the cosigned checkpoint they are proven against. Written by
/// the server, checked fully offline by <see cref="Verify"/>.
/// </summary>
public static class ProofBundle
{
    public const string Format = "drugtrace/proof-bundle/v1";

    public sealed record Entry(long LogIndex, LedgerEvent Event, IReadOnlyList<Hash256> InclusionProof);

    public static string Write(string gtin, string serial, string checkpointNote, IReadOnlyList<Entry> entries)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("gtin", gtin);
            w.WriteString("serial", serial);
            w.WriteString("checkpoint", checkpointNote);
            w.WriteStartArray("events");
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteNumber("logIndex", e.LogIndex);
                w.WriteString("hash", e.Event.Hash.ToHex());
                w.WritePropertyName("body");
                w.WriteRawValue(EventHasher.CanonicalBody(e.Event), skipInputValidation: true);
                w.WriteStartArray("inclusionProof");
                foreach (var h in e.InclusionProof) w.WriteStringValue(Convert.ToBase64String(h.ToBytes()));
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The outcome: every check passed (each in words), or the first one that failed.</summary>
    public sealed record Result(bool IsValid, IReadOnlyList<string> Checked, string? Problem);

    /// <summary>
    /// Verifies a bundle with the log's key and the witnesses that must have cosigned: the
    /// checkpoint signatures, every event hash from its canonical body, the chain links, and each
    /// event's inclusion in the checkpoint's tree. Never throws on bad input.
    /// </summary>
    public static Result Verify(string json, NoteVerifier logKey, IReadOnlyList<NoteVerifier> witnessKeys)
    {
        var done = new List<string>();
        Result Fail(string problem) => new(false, done, problem);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return Fail($"the file is not JSON: {ex.Message.Split(" Path:")[0]}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("the file is not a proof bundle (not a JSON object)");
            if (Text(root, "format") != Format) return Fail($"the file is not a {Format} proof bundle");
            if (Text(root, "gtin") is not { } gtin || Text(root, "serial") is not { } serial) return Fail("the bundle names no gtin and serial");
            if (Text(root, "checkpoint") is not { } noteText) return Fail("the bundle holds no checkpoint");

            if (!SignedNote.TryParse(noteText, out var note, out var problem)) return Fail($"the checkpoint is not a signed note: {problem}");
            var check = note!.Open([logKey, .. witnessKeys], out var verified);
            if (!check.IsValid) return Fail($"the checkpoint: {check.Problem}");
            if (!verified.Any(v => v.Key.KeyId == logKey.KeyId && v.Key.Name == logKey.Name))
                return Fail($"the checkpoint is not signed by the log key {logKey.Name}");
            if (!Checkpoint.TryParse(note.Text, out var checkpoint, out problem)) return Fail($"the checkpoint: {problem}");
            if (checkpoint!.Origin != logKey.Name) return Fail($"the checkpoint is of log {checkpoint.Origin}, not {logKey.Name}");
            done.Add($"checkpoint of {checkpoint.Origin}: size {checkpoint.Size}, root {Convert.ToBase64String(checkpoint.Root.ToBytes())}, signed by the log");
            foreach (var w in witnessKeys)
            {
                var cosig = verified.FirstOrDefault(v => v.Key.KeyId == w.KeyId && v.Key.Name == w.Name);
                if (cosig is null) return Fail($"the checkpoint is not cosigned by witness {w.Name}");
                done.Add($"cosigned by witness {w.Name} at {DateTimeOffset.FromUnixTimeSeconds(cosig.Timestamp ?? 0):u}");
            }

            if (!root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array || events.GetArrayLength() == 0)
                return Fail("the bundle holds no events");
            var prev = Hash256.Zero;
            var seq = 0;
            foreach (var e in events.EnumerateArray())
            {
                var where = $"event {seq}";
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
                    return Fail($"{where} has no body");
                if (!e.TryGetProperty("logIndex", out var li) || li.ValueKind != JsonValueKind.Number || !li.TryGetInt64(out var logIndex)) return Fail($"{where} has no log index");
                if (!TryHash(Text(e, "hash"), out var hash)) return Fail($"{where} has no 64-hex-digit hash");
                if (!TryHash(Text(body, "prevHash"), out var prevHash)) return Fail($"{where}'s body has no prevHash");
                if (!body.TryGetProperty("seq", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out var bodySeq)) return Fail($"{where}'s body has no seq");

                var computed = EventHasher.HashCanonical(prevHash, CanonicalJson.Canonicalize(body.GetRawText()));
                if (computed != hash) return Fail($"seq {bodySeq}: the hash recomputed from its body is {computed}, not {hash}: the event was altered");
                if (bodySeq != seq) return Fail($"seq {bodySeq} stands where seq {seq} belongs: the chain has a gap or is reordered");
                if (prevHash != prev) return Fail($"seq {bodySeq}: prevHash does not link to {(seq == 0 ? "the zero hash" : $"seq {seq - 1}")}");
                if (Text(body, "stream") != "pack" || Text(body, "gtin") != gtin || Text(body, "serial") != serial)
                    return Fail($"seq {bodySeq} is not an event of pack {gtin}/{serial}");
                done.Add($"seq {bodySeq} ({Text(body, "type")}): hash recomputed from its canonical body{(seq > 0 ? $", links to seq {seq - 1}" : "")}");

                if (!e.TryGetProperty("inclusionProof", out var p) || p.ValueKind != JsonValueKind.Array) return Fail($"seq {bodySeq} has no inclusion proof");
                var proof = new List<byte[]>();
                foreach (var part in p.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.String || !Base64.TryDecodeCanonical(part.GetString()!, out var bytes))
                        return Fail($"seq {bodySeq}: an inclusion proof hash is not base64");
                    proof.Add(bytes);
                }
                var inclusion = ProofVerifier.VerifyInclusion(logIndex, checkpoint.Size, Rfc6962.LeafHash(hash).ToBytes(), proof, checkpoint.Root.ToBytes());
                if (!inclusion.IsValid) return Fail($"seq {bodySeq}: {inclusion.Problem}");
                done.Add($"seq {bodySeq} is leaf {logIndex} of the checkpoint's tree of {checkpoint.Size}");
                prev = hash;
                seq++;
            }
            return new Result(true, done, null);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool TryHash(string? hex, out Hash256 hash)
    {
        hash = default;
        if (hex is null || hex.Length != 64 || !hex.All(char.IsAsciiHexDigitLower) && !hex.All(char.IsAsciiHexDigit)) return false;
        hash = Hash256.FromHex(hex);
        return true;
    }
}
