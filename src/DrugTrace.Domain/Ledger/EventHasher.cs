using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DrugTrace.Domain.Ledger;

/// <summary>
/// hash_n = SHA-256("DrugTrace/event/v1" || 0x00 || prevHash_n || canonical(body_n)).
/// The body is written straight in JCS order (keys already sorted) so that a million
/// commissions do not go through a generic JSON tree; a test checks it against the generic
/// canonicaliser.
/// </summary>
public static class EventHasher
{
    private static readonly byte[] Domain = [.. "DrugTrace/event/v1"u8, 0];

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    // One hash object per thread, reset after each digest: a million events skip the one-shot call's set-up.
    [ThreadStatic] private static IncrementalHash? _sha256;

    public static Hash256 ComputeHash(LedgerEvent e)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        buffer.Write(Domain);
        Span<byte> prev = stackalloc byte[Hash256.Size];
        e.PrevHash.WriteTo(prev);
        buffer.Write(prev);
        WriteBody(buffer, e);
        Span<byte> digest = stackalloc byte[Hash256.Size];
        var sha = _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(buffer.WrittenSpan);
        sha.GetHashAndReset(digest);
        return Hash256.FromBytes(digest);
    }

    /// <summary>The hash of an event from its prevHash and its canonical body bytes, as an offline verifier recomputes it.</summary>
    public static Hash256 HashCanonical(Hash256 prevHash, ReadOnlySpan<byte> canonicalBody)
    {
        var input = new byte[Domain.Length + Hash256.Size + canonicalBody.Length];
        Domain.CopyTo(input, 0);
        prevHash.WriteTo(input.AsSpan(Domain.Length));
        canonicalBody.CopyTo(input.AsSpan(Domain.Length + Hash256.Size));
        return Hash256.FromBytes(SHA256.HashData(input));
    }

    /// <summary>Returns the event with its hash filled in.</summary>
    public static LedgerEvent Seal(LedgerEvent e) => e with { Hash = ComputeHash(e) };

    /// <summary>The RFC 8785 canonical body, as bytes.</summary>
    public static byte[] CanonicalBody(LedgerEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteBody(buffer, e);
        return buffer.WrittenSpan.ToArray();
    }

    public static string CanonicalBodyText(LedgerEvent e) => Encoding.UTF8.GetString(CanonicalBody(e));

    // Keys in UTF-16 code unit order: actor, expiry, from, gtin, lot, occurredAt, prevHash,
    // reason, recordedAt, seq, serial, [sscc,] stream, to, type. Only a case's events have "sscc", so
    // that every pack and lot event hashes as it always did.
    private static void WriteBody(ArrayBufferWriter<byte> o, LedgerEvent e)
    {
        CanonicalJson.WriteRaw(o, "{\"actor\":");
        CanonicalJson.WriteString(o, e.Actor);
        CanonicalJson.WriteRaw(o, ",\"expiry\":");
        WriteNullable(o, e.Expiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        CanonicalJson.WriteRaw(o, ",\"from\":");
        WriteNullable(o, e.From);
        CanonicalJson.WriteRaw(o, ",\"gtin\":");
        CanonicalJson.WriteString(o, e.Gtin);
        CanonicalJson.WriteRaw(o, ",\"lot\":");
        WriteNullable(o, e.Lot ?? (e.Stream == StreamKind.Lot ? e.Key : null));
        CanonicalJson.WriteRaw(o, ",\"occurredAt\":");
        CanonicalJson.WriteString(o, FormatTimestamp(e.OccurredAt));
        CanonicalJson.WriteRaw(o, ",\"prevHash\":");
        CanonicalJson.WriteString(o, e.PrevHash.ToHex());
        CanonicalJson.WriteRaw(o, ",\"reason\":");
        WriteNullable(o, e.Reason);
        CanonicalJson.WriteRaw(o, ",\"recordedAt\":");
        CanonicalJson.WriteString(o, FormatTimestamp(e.RecordedAt));
        CanonicalJson.WriteRaw(o, ",\"seq\":");
        CanonicalJson.WriteRaw(o, e.Seq.ToString(CultureInfo.InvariantCulture));
        CanonicalJson.WriteRaw(o, ",\"serial\":");
        WriteNullable(o, e.Serial);
        if (e.Stream == StreamKind.Case)
        {
            CanonicalJson.WriteRaw(o, ",\"sscc\":");
            CanonicalJson.WriteString(o, e.Key);
        }
        CanonicalJson.WriteRaw(o, ",\"stream\":");
        CanonicalJson.WriteString(o, e.Stream switch { StreamKind.Pack => "pack", StreamKind.Lot => "lot", _ => "case" });
        CanonicalJson.WriteRaw(o, ",\"to\":");
        WriteNullable(o, e.To);
        CanonicalJson.WriteRaw(o, ",\"type\":");
        CanonicalJson.WriteString(o, e.Type.ToString());
        CanonicalJson.WriteRaw(o, "}");
    }

    private static void WriteNullable(ArrayBufferWriter<byte> o, string? value)
    {
        if (value is null) CanonicalJson.WriteRaw(o, "null");
        else CanonicalJson.WriteString(o, value);
    }

    /// <summary>ISO 8601 UTC with milliseconds, the only timestamp form in a hashed body.</summary>
    public static string FormatTimestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops sub-millisecond precision so that a stored and re-read timestamp hashes the same.</summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}
