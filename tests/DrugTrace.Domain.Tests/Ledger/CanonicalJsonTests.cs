using System.Buffers;
using System.Text;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Tests.Ledger;

public class CanonicalJsonTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json));

    [Fact]
    public void Rfc8785_section_3_2_2_example()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";

        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Rfc8785_section_3_2_4_utf8_bytes_of_the_example()
    {
        // The hex dump of section 3.2.4: the euro sign is the only non-ASCII character (e2 82 ac).
        const string input = """{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}""";
        const string expectedHex =
            "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b3333333333" +
            "333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67223a22" +
            "e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d";

        Assert.Equal(expectedHex, Convert.ToHexStringLower(CanonicalJson.Canonicalize(input)));
    }

    [Fact]
    public void Rfc8785_section_3_2_3_sorts_keys_by_utf16_code_units()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        // Order of the RFC: \r, 1, U+0080, ö, €, 😀 (surrogates D83D DE00), U+FB33. A sort by code point
        // would put the emoji last; UTF-16 code units put it before U+FB33.
        const string expected =
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"," +
            "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\"," +
            "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        Assert.Equal(Encoding.UTF8.GetBytes(expected), CanonicalJson.Canonicalize(input));
        // The same bytes as node's JSON.stringify over keys sorted with Array.prototype.sort (UTF-16 order).
        Assert.Equal(
            "7b225c72223a2243617272696167652052657475726e222c2231223a224f6e65222c22c280223a22436f6e74726f6c222c" +
            "22c3b6223a224c6174696e20536d616c6c204c6574746572204f205769746820446961657265736973222c22e282ac223a" +
            "224575726f205369676e222c22f09f9880223a22456d6f6a693a204772696e6e696e672046616365222c22efacb3223a22" +
            "486562726577204c65747465722044616c6574205769746820446167657368227d",
            Convert.ToHexStringLower(CanonicalJson.Canonicalize(input)));
    }

    [Fact]
    public void Nested_objects_are_sorted_and_whitespace_dropped()
    {
        const string input = """ { "b" : [ { "z" : 1 , "a" : { "y" : null , "x" : "s" } } ] , "a" : { } , "c" : [ ] } """;

        Assert.Equal("""{"a":{},"b":[{"a":{"x":"s","y":null},"z":1}],"c":[]}""", Canonical(input));
    }

    [Fact]
    public void Array_order_is_kept()
    {
        Assert.Equal("[3,1,2]", Canonical("[3, 1, 2]"));
    }

    // Appendix B: IEEE 754 bit patterns and their ECMAScript Number-to-string forms. The strings were
    // checked with node (JSON.stringify over Buffer.readDoubleBE of each pattern).
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Appendix_b_number_vectors(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(Convert.ToInt64(ieeeHex, 16));

        Assert.Equal(expected, CanonicalJson.FormatNumber(value));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(5e-7, "5e-7")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(4.5, "4.5")]
    [InlineData(0.002, "0.002")]
    [InlineData(100.0, "100")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(123.456, "123.456")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(1e-27, "1e-27")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    public void Formats_numbers_like_ecmascript(double value, string expected)
    {
        Assert.Equal(expected, CanonicalJson.FormatNumber(value));
    }

    [Fact]
    public void Negative_zero_is_written_as_0()
    {
        Assert.True(double.IsNegative(-0.0));
        Assert.Equal("0", CanonicalJson.FormatNumber(-0.0));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Refuses_numbers_json_cannot_hold(double value)
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.FormatNumber(value));
    }

    [Theory]
    [InlineData("1E30", "1e+30")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("10.50", "10.5")]
    [InlineData("1e2", "100")]
    public void Canonicalizes_number_literals(string literal, string expected)
    {
        Assert.Equal($"[{expected}]", Canonical($"[{literal}]"));
    }

    [Theory]
    [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\"\\", "\"\\\"\\\\\"")]
    [InlineData("/<>&'\u007f", "\"/<>&'\u007f\"")]
    [InlineData("é€\ud83d\ude00", "\"é€\ud83d\ude00\"")]
    public void Writes_strings_with_ecmascript_escaping(string value, string expected)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CanonicalJson.WriteString(buffer, value);

        Assert.Equal(Encoding.UTF8.GetBytes(expected), buffer.WrittenSpan.ToArray());
    }

    // Plain printable ASCII takes a copy of its own; one char to escape anywhere in it, even after the first
    // vector's width, sends the whole string through the escaping loop.
    [Theory]
    [InlineData("", "\"\"")]
    [InlineData(" ~\u007f", "\" ~\u007f\"")]
    [InlineData("4012345000009-SN000123456-LOT42-2027-12-31-plain", "\"4012345000009-SN000123456-LOT42-2027-12-31-plain\"")]
    [InlineData("4012345000009-SN000123456-LOT42-2027-12-31-quote\"", "\"4012345000009-SN000123456-LOT42-2027-12-31-quote\\\"\"")]
    [InlineData("4012345000009-SN000123456-LOT42-2027-12-31-slash\\", "\"4012345000009-SN000123456-LOT42-2027-12-31-slash\\\\\"")]
    [InlineData("4012345000009-SN000123456-LOT42-2027-12-31-ctrl\u001f", "\"4012345000009-SN000123456-LOT42-2027-12-31-ctrl\\u001f\"")]
    [InlineData("4012345000009-SN000123456-LOT42-2027-12-31-acute\u00e9", "\"4012345000009-SN000123456-LOT42-2027-12-31-acute\u00e9\"")]
    public void Writes_into_a_span_what_the_buffer_writer_gets_and_says_how_much(string value, string expected)
    {
        var span = new byte[CanonicalJson.MaxStringBytes(value) + 8];
        span.AsSpan().Fill(0xEE);

        var written = CanonicalJson.WriteString(span, value);

        var bytes = Encoding.UTF8.GetBytes(expected);
        Assert.Equal(bytes.Length, written);
        Assert.Equal(bytes, span[..written]);
        Assert.All(span[written..], b => Assert.Equal(0xEE, b));
        var buffer = new ArrayBufferWriter<byte>();
        CanonicalJson.WriteString(buffer, value);
        Assert.Equal(bytes, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void The_most_bytes_a_string_takes_is_six_per_char_and_the_quotes()
    {
        Assert.Equal(2, CanonicalJson.MaxStringBytes(""));
        Assert.Equal(20, CanonicalJson.MaxStringBytes("abc"));
        var controls = new string('\u0001', 7);
        var span = new byte[CanonicalJson.MaxStringBytes(controls)];
        Assert.Equal(span.Length, CanonicalJson.WriteString(span, controls));
    }

    [Fact]
    public void Non_ascii_characters_are_written_as_raw_utf8()
    {
        var buffer = new ArrayBufferWriter<byte>();
        CanonicalJson.WriteString(buffer, "\u20ac\ud83d\ude00");

        Assert.Equal("22e282acf09f988022", Convert.ToHexStringLower(buffer.WrittenSpan));
    }

    [Fact]
    public void Key_order_of_the_input_does_not_matter()
    {
        Assert.Equal(
            CanonicalJson.Canonicalize("""{"b":1,"a":"x","c":[true]}"""),
            CanonicalJson.Canonicalize("""{"c":[true],"a":"x","b":1}"""));
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"x":{"b":true,"a":null,"b":false}}""")]
    public void Duplicate_property_names_are_refused(string json)
    {
        // RFC 8785 3.1: the input must be I-JSON (RFC 7493 2.3), which has no duplicate names.
        Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize(json));
    }

    [Fact]
    public void Lone_surrogates_are_refused()
    {
        // I-JSON strings hold no unpaired surrogates.
        Assert.ThrowsAny<InvalidOperationException>(() => CanonicalJson.Canonicalize("""["\ud800"]"""));
    }
    [Fact]
    public void The_refusals_say_what_has_no_canonical_form()
    {
        var duplicate = Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize("""{"a":1,"a":2}"""));
        Assert.Equal("The property name \"a\" appears twice in one object.", duplicate.Message);
        var nan = Assert.Throws<ArgumentException>(() => CanonicalJson.FormatNumber(double.NaN));
        Assert.StartsWith("NaN and Infinity have no JSON form.", nan.Message, StringComparison.Ordinal);
    }
}
