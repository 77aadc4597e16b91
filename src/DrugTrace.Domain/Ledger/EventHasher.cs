using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
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

    // The names as written in the body, looked up without boxing the enum (a million events hash in an audit).
    private static readonly string?[] TypeNames = NamesByValue();

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    public static Hash256 ComputeHash(LedgerEvent e)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        buffer.Write(Domain);
        Span<byte> prev = stackalloc byte[Hash256.Size];
        e.PrevHash.WriteTo(prev);
        buffer.Write(prev);
        WriteBody(buffer, e);
        return Sha256.Hash(buffer.WrittenSpan);
    }

    /// <summary>The hash of an event from its prevHash and its canonical body bytes, as an offline verifier recomputes it.</summary>
    public static Hash256 HashCanonical(Hash256 prevHash, ReadOnlySpan<byte> canonicalBody)
    {
        var input = new byte[Domain.Length + Hash256.Size + canonicalBody.Length];
        Domain.CopyTo(input, 0);
        prevHash.WriteTo(input.AsSpan(Domain.Length));
        canonicalBody.CopyTo(input.AsSpan(Domain.Length + Hash256.Size));
        return Sha256.Hash(input);
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
        if (e.Expiry is { } expiry) WriteDate(o, expiry);
        else CanonicalJson.WriteRaw(o, "null");
        CanonicalJson.WriteRaw(o, ",\"from\":");
        WriteNullable(o, e.From);
        CanonicalJson.WriteRaw(o, ",\"gtin\":");
        CanonicalJson.WriteString(o, e.Gtin);
        CanonicalJson.WriteRaw(o, ",\"lot\":");
        WriteNullable(o, e.Lot ?? (e.Stream == StreamKind.Lot ? e.Key : null));
        CanonicalJson.WriteRaw(o, ",\"occurredAt\":");
        WriteTimestamp(o, e.OccurredAt);
        CanonicalJson.WriteRaw(o, ",\"prevHash\":");
        WriteHex(o, e.PrevHash);
        CanonicalJson.WriteRaw(o, ",\"reason\":");
        WriteNullable(o, e.Reason);
        CanonicalJson.WriteRaw(o, ",\"recordedAt\":");
        WriteTimestamp(o, e.RecordedAt);
        CanonicalJson.WriteRaw(o, ",\"seq\":");
        WriteInt(o, e.Seq);
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
        CanonicalJson.WriteString(o, ((uint)e.Type < (uint)TypeNames.Length ? TypeNames[(int)e.Type] : null) ?? e.Type.ToString());
        CanonicalJson.WriteRaw(o, "}");
    }

    // The body's dates, times, hash and seq are written as their digits straight into the buffer: formatting
    // each through a string (custom DateTime formats, a hex string) was most of the cost of hashing an event,
    // which commissioning pays per pack and the audit per event. The output is the same bytes (tests compare
    // the body with the generic canonicaliser's and with FormatTimestamp).

    private static string?[] NamesByValue()
    {
        var types = Enum.GetValues<EventType>();
        var names = new string?[types.Max(t => (int)t) + 1];
        foreach (var t in types) names[(int)t] = t.ToString();
        return names;
    }

    /// <summary>"yyyy-MM-dd", quoted.</summary>
    private static void WriteDate(ArrayBufferWriter<byte> o, DateOnly d)
    {
        var span = o.GetSpan(12);
        span[0] = (byte)'"';
        DateDigits(span[1..], d.Year, d.Month, d.Day);
        span[11] = (byte)'"';
        o.Advance(12);
    }

    /// <summary>As <see cref="FormatTimestamp"/>, quoted: "yyyy-MM-ddTHH:mm:ss.fffZ" in UTC.</summary>
    private static void WriteTimestamp(ArrayBufferWriter<byte> o, DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        var span = o.GetSpan(26);
        span[0] = (byte)'"';
        DateDigits(span[1..], u.Year, u.Month, u.Day);
        span[11] = (byte)'T';
        Digits(span[12..], u.Hour, 2);
        span[14] = (byte)':';
        Digits(span[15..], u.Minute, 2);
        span[17] = (byte)':';
        Digits(span[18..], u.Second, 2);
        span[20] = (byte)'.';
        Digits(span[21..], u.Millisecond, 3);
        span[24] = (byte)'Z';
        span[25] = (byte)'"';
        o.Advance(26);
    }

    /// <summary>The hash in lower-case hex, quoted.</summary>
    private static void WriteHex(ArrayBufferWriter<byte> o, Hash256 hash)
    {
        Span<byte> bytes = stackalloc byte[Hash256.Size];
        hash.WriteTo(bytes);
        var span = o.GetSpan(2 + 2 * Hash256.Size);
        span[0] = (byte)'"';
        for (var i = 0; i < bytes.Length; i++)
        {
            span[1 + 2 * i] = (byte)"0123456789abcdef"[bytes[i] >> 4];
            span[2 + 2 * i] = (byte)"0123456789abcdef"[bytes[i] & 0xF];
        }
        span[1 + 2 * Hash256.Size] = (byte)'"';
        o.Advance(2 + 2 * Hash256.Size);
    }

    private static void WriteInt(ArrayBufferWriter<byte> o, int value)
    {
        var span = o.GetSpan(11);
        if (!Utf8Formatter.TryFormat(value, span, out var written)) throw new InvalidOperationException("An int did not fit in 11 bytes.");
        o.Advance(written);
    }

    /// <summary>"yyyy-MM-dd" in the first 10 bytes of <paramref name="span"/>.</summary>
    private static void DateDigits(Span<byte> span, int year, int month, int day)
    {
        Digits(span, year, 4);
        span[4] = (byte)'-';
        Digits(span[5..], month, 2);
        span[7] = (byte)'-';
        Digits(span[8..], day, 2);
    }

    /// <summary><paramref name="value"/> (0 or more) in exactly <paramref name="width"/> decimal digits, zero-padded.</summary>
    private static void Digits(Span<byte> span, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + value % 10);
            value /= 10;
        }
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
