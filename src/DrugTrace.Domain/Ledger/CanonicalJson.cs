using System.Buffers;
using System.Text;

namespace DrugTrace.Domain.Ledger;

/// <summary>
/// The writing half of the RFC 8785 JSON Canonicalization Scheme (JCS) that event hashing needs:
/// ECMAScript string escaping and raw ASCII. The bytes are what gets hashed, so they must be
/// identical on every platform and every store. (The full canonicaliser of any JSON text, with
/// sorted keys and ECMAScript numbers, is the tests' reference: tests/DrugTrace.Domain.Tests.)
/// </summary>
public static class CanonicalJson
{
    /// <summary>Writes a JSON string with the escaping of ECMAScript's JSON.stringify (RFC 8785 3.2.2.2).</summary>
    public static void WriteString(IBufferWriter<byte> output, string value)
    {
        // Worst case every char becomes \u00XX (6 bytes) or a 3-byte UTF-8 sequence.
        var span = output.GetSpan(value.Length * 6 + 2);
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
        output.Advance(n);
    }

    public static void WriteRaw(IBufferWriter<byte> output, string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++) span[i] = (byte)ascii[i];
        output.Advance(ascii.Length);
    }
}
