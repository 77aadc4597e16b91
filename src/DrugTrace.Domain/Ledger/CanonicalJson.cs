using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DrugTrace.Domain.Ledger;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): sorted keys (UTF-16 code units), no
/// whitespace, ECMAScript string escaping and number formatting. The bytes are what gets
/// hashed, so they must be identical on every platform and every store.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Canonicalises any JSON text.</summary>
    public static byte[] Canonicalize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        WriteValue(buffer, doc.RootElement);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(ArrayBufferWriter<byte> output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = element.EnumerateObject().ToList();
                properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                WriteRaw(output, "{");
                for (var i = 0; i < properties.Count; i++)
                {
                    // RFC 8785 3.1 takes I-JSON input (RFC 7493 2.3): a repeated name has no canonical form.
                    if (i > 0 && properties[i].Name == properties[i - 1].Name)
                        throw new FormatException($"The property name \"{properties[i].Name}\" appears twice in one object.");
                    if (i > 0) WriteRaw(output, ",");
                    WriteString(output, properties[i].Name);
                    WriteRaw(output, ":");
                    WriteValue(output, properties[i].Value);
                }
                WriteRaw(output, "}");
                break;
            case JsonValueKind.Array:
                WriteRaw(output, "[");
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) WriteRaw(output, ",");
                    first = false;
                    WriteValue(output, item);
                }
                WriteRaw(output, "]");
                break;
            case JsonValueKind.String:
                WriteString(output, element.GetString()!);
                break;
            case JsonValueKind.Number:
                WriteRaw(output, FormatNumber(element.GetDouble()));
                break;
            case JsonValueKind.True: WriteRaw(output, "true"); break;
            case JsonValueKind.False: WriteRaw(output, "false"); break;
            default: WriteRaw(output, "null"); break;
        }
    }

    /// <summary>Writes a JSON string with the escaping of ECMAScript's JSON.stringify (RFC 8785 3.2.2.2).</summary>
    public static void WriteString(IBufferWriter<byte> output, string value) =>
        output.Advance(WriteString(output.GetSpan(MaxStringBytes(value)), value));

    /// <summary>The most bytes <see cref="WriteString(Span{byte}, string)"/> writes for <paramref name="value"/>.</summary>
    // Worst case every char becomes \u00XX (6 bytes) or a 3-byte UTF-8 sequence.
    public static int MaxStringBytes(string value) => value.Length * 6 + 2;

    // Printable ASCII that JSON.stringify writes as it is: the case of nearly every text in a hashed body.
    private static readonly SearchValues<char> Unescaped = SearchValues.Create(
        string.Concat(Enumerable.Range(0x20, 0x80 - 0x20).Select(c => (char)c).Where(c => c is not ('"' or '\\'))));

    /// <summary>As <see cref="WriteString(IBufferWriter{byte}, string)"/>, into <paramref name="span"/>; returns the bytes written.</summary>
    public static int WriteString(Span<byte> span, string value)
    {
        if (!value.AsSpan().ContainsAnyExcept(Unescaped))
        {
            // One vectorised narrowing copy instead of a switch per char.
            span[0] = (byte)'"';
            System.Text.Ascii.FromUtf16(value, span[1..], out var ascii);
            span[1 + ascii] = (byte)'"';
            return ascii + 2;
        }
        var n = 0;
        span[n++] = (byte)'"';
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': span[n++] = (byte)'\\'; span[n++] = (byte)'"'; break;
                case '\\': span[n++] = (byte)'\\'; span[n++] = (byte)'\\'; break;
                case '\b': span[n++] = (byte)'\\'; span[n++] = (byte)'b'; break;
                case '\f': span[n++] = (byte)'\\'; span[n++] = (byte)'f'; break;
                case '\n': span[n++] = (byte)'\\'; span[n++] = (byte)'n'; break;
                case '\r': span[n++] = (byte)'\\'; span[n++] = (byte)'r'; break;
                case '\t': span[n++] = (byte)'\\'; span[n++] = (byte)'t'; break;
                default:
                    if (c < 0x20)
                    {
                        span[n++] = (byte)'\\'; span[n++] = (byte)'u'; span[n++] = (byte)'0'; span[n++] = (byte)'0';
                        span[n++] = (byte)"0123456789abcdef"[c >> 4];
                        span[n++] = (byte)"0123456789abcdef"[c & 0xF];
                    }
                    else if (c < 0x80)
                    {
                        span[n++] = (byte)c;
                    }
                    else
                    {
                        // Surrogate pairs are encoded together; a lone surrogate cannot be canonical.
                        var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
                        n += Encoding.UTF8.GetBytes(value.AsSpan(i, length), span[n..]);
                        i += length - 1;
                    }
                    break;
            }
        }
        span[n++] = (byte)'"';
        return n;
    }

    public static void WriteRaw(IBufferWriter<byte> output, string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++) span[i] = (byte)ascii[i];
        output.Advance(ascii.Length);
    }

    /// <summary>ECMAScript Number.prototype.toString for a finite double (RFC 8785 3.2.2.3).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("NaN and Infinity have no JSON form.", nameof(value));
        if (value == 0) return "0";
        var negative = value < 0;
        // "R" gives the shortest digits that round-trip, which is what ECMAScript requires.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        // Split the shortest form into its digits and decimal exponent.
        string mantissa; int exponent;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exponent = int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        }
        else
        {
            mantissa = shortest;
            exponent = 0;
        }
        var dot = mantissa.IndexOf('.');
        var digits = dot >= 0 ? mantissa.Remove(dot, 1) : mantissa;
        var pointPos = (dot >= 0 ? dot : mantissa.Length) + exponent; // digits before the decimal point
        var trimmedLead = digits.TrimStart('0');
        pointPos -= digits.Length - trimmedLead.Length;
        digits = trimmedLead.TrimEnd('0');
        var k = digits.Length; // number of significant digits
        var n = pointPos;       // value = 0.digits * 10^n
        var sb = new StringBuilder(negative ? "-" : "");
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var exp = n - 1;
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            sb.Append('e').Append(exp >= 0 ? "+" : "-").Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
