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
        var lot = e.Lot ?? (e.Stream == StreamKind.Lot ? e.Key : null);
        var serial = e.Serial;
        var sscc = e.Stream == StreamKind.Case ? e.Key : null;
        var type = ((uint)e.Type < (uint)TypeNames.Length ? TypeNames[(int)e.Type] : null) ?? e.Type.ToString();
        // One span for the whole body, asked for once: the audit writes a million bodies, and a buffer call per
        // key and value was a third of the writing.
        var texts = MaxBytes(e.Actor) + MaxBytes(e.From) + MaxBytes(e.Gtin) + MaxBytes(lot) + MaxBytes(e.Reason)
            + MaxBytes(serial) + MaxBytes(sscc) + MaxBytes(e.To) + MaxBytes(type);
        var w = new BodyWriter(o.GetSpan(FixedBytes + texts));
        w.Raw("{\"actor\":"u8);
        w.String(e.Actor);
        w.Raw(",\"expiry\":"u8);
        if (e.Expiry is { } expiry) w.Date(expiry);
        else w.Raw("null"u8);
        w.Raw(",\"from\":"u8);
        w.Nullable(e.From);
        w.Raw(",\"gtin\":"u8);
        w.String(e.Gtin);
        w.Raw(",\"lot\":"u8);
        w.Nullable(lot);
        w.Raw(",\"occurredAt\":"u8);
        w.Timestamp(e.OccurredAt);
        w.Raw(",\"prevHash\":"u8);
        w.Hex(e.PrevHash);
        w.Raw(",\"reason\":"u8);
        w.Nullable(e.Reason);
        w.Raw(",\"recordedAt\":"u8);
        w.Timestamp(e.RecordedAt);
        w.Raw(",\"seq\":"u8);
        w.Int(e.Seq);
        w.Raw(",\"serial\":"u8);
        w.Nullable(serial);
        if (sscc is not null)
        {
            w.Raw(",\"sscc\":"u8);
            w.String(sscc);
        }
        w.Raw(e.Stream switch { StreamKind.Pack => ",\"stream\":\"pack\""u8, StreamKind.Lot => ",\"stream\":\"lot\""u8, _ => ",\"stream\":\"case\""u8 });
        w.Raw(",\"to\":"u8);
        w.Nullable(e.To);
        w.Raw(",\"type\":"u8);
        w.String(type);
        w.Raw("}"u8);
        o.Advance(w.Written);
    }

    // Every key, brace and comma of a body, with its dates, times, hash and seq at their longest (well under this).
    private const int FixedBytes = 512;

    private static int MaxBytes(string? text) => text is null ? 4 : CanonicalJson.MaxStringBytes(text);

    private static string?[] NamesByValue()
    {
        var types = Enum.GetValues<EventType>();
        var names = new string?[types.Max(t => (int)t) + 1];
        foreach (var t in types) names[(int)t] = t.ToString();
        return names;
    }

    // The body's dates, times, hash and seq are written as their digits straight into the span: formatting
    // each through a string (custom DateTime formats, a hex string) was most of the cost of hashing an event,
    // which commissioning pays per pack and the audit per event. The output is the same bytes (tests compare
    // the body with the generic canonicaliser's and with FormatTimestamp).
    private ref struct BodyWriter(Span<byte> span)
    {
        private readonly Span<byte> _span = span;
        private int _n;

        public readonly int Written => _n;

        public void Raw(ReadOnlySpan<byte> ascii)
        {
            ascii.CopyTo(_span[_n..]);
            _n += ascii.Length;
        }

        public void String(string value) => _n += CanonicalJson.WriteString(_span[_n..], value);

        public void Nullable(string? value)
        {
            if (value is null) Raw("null"u8);
            else String(value);
        }

        /// <summary>"yyyy-MM-dd", quoted.</summary>
        public void Date(DateOnly d)
        {
            var (year, month, day) = d;
            _span[_n] = (byte)'"';
            DateDigits(_span[(_n + 1)..], year, month, day);
            _span[_n + 11] = (byte)'"';
            _n += 12;
        }

        /// <summary>As <see cref="FormatTimestamp"/>, quoted: "yyyy-MM-ddTHH:mm:ss.fffZ" in UTC.</summary>
        public void Timestamp(DateTimeOffset t)
        {
            var u = t.UtcDateTime;
            // The date from the ticks once, not once for each of year, month and day.
            var (year, month, day) = u;
            var span = _span.Slice(_n, 26);
            span[0] = (byte)'"';
            DateDigits(span[1..], year, month, day);
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
            _n += 26;
        }

        /// <summary>The hash in lower-case hex, quoted.</summary>
        public void Hex(Hash256 hash)
        {
            Span<byte> bytes = stackalloc byte[Hash256.Size];
            hash.WriteTo(bytes);
            _span[_n] = (byte)'"';
            if (!Convert.TryToHexStringLower(bytes, _span[(_n + 1)..], out var written) || written != 2 * Hash256.Size)
                throw new InvalidOperationException("A hash did not fit in its 64 hex digits.");
            _span[_n + 1 + 2 * Hash256.Size] = (byte)'"';
            _n += 2 + 2 * Hash256.Size;
        }

        public void Int(int value)
        {
            if (!Utf8Formatter.TryFormat(value, _span[_n..], out var written)) throw new InvalidOperationException("An int did not fit in its span.");
            _n += written;
        }
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

    /// <summary>ISO 8601 UTC with milliseconds, the only timestamp form in a hashed body.</summary>
    public static string FormatTimestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops sub-millisecond precision so that a stored and re-read timestamp hashes the same.</summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}
