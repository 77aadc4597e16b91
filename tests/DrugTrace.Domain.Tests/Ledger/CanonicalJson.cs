using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DrugTrace.Domain.Tests.Ledger;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS) of any JSON text: sorted keys (UTF-16 code units),
/// no whitespace, ECMAScript string escaping and number formatting. The reference the event
/// hash is checked against; strings are written by the domain's own writer.
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

    public static void WriteString(IBufferWriter<byte> output, string value) => DrugTrace.Domain.Ledger.CanonicalJson.WriteString(output, value);

    public static void WriteRaw(IBufferWriter<byte> output, string ascii) => DrugTrace.Domain.Ledger.CanonicalJson.WriteRaw(output, ascii);

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
