using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Tests.Ledger;

public class Hash256Tests
{
    private const string Hex = "61940a5b7d89d4a1698aa17d36d2a6d0900bd2067a4e49e15365e4d552abffa0";

    [Fact]
    public void Hex_round_trips_in_lower_case_big_endian_order()
    {
        var hash = Hash256.FromHex(Hex.ToUpperInvariant());

        Assert.Equal(Hex, hash.ToHex());
        Assert.Equal(Hex, hash.ToString());
        Assert.Equal(0x61940a5b7d89d4a1UL, hash.A);
        Assert.Equal(0x5365e4d552abffa0UL, hash.D);
        Assert.Equal(Convert.FromHexString(Hex), hash.ToBytes());
    }

    [Fact]
    public void Zero_is_32_zero_bytes()
    {
        Assert.Equal(new byte[32], Hash256.Zero.ToBytes());
        Assert.Equal(new string('0', 64), Hash256.Zero.ToHex());
        Assert.Equal(default, Hash256.Zero);
    }

    [Fact]
    public void Equality_is_by_value()
    {
        Assert.Equal(Hash256.FromHex(Hex), Hash256.FromBytes(Convert.FromHexString(Hex)));
        Assert.NotEqual(Hash256.FromHex(Hex), Hash256.FromHex("71" + Hex[2..]));
        Assert.NotEqual(Hash256.FromHex(Hex), Hash256.FromHex(Hex[..62] + "a1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void A_digest_is_exactly_32_bytes(int length)
    {
        Assert.Throws<ArgumentException>(() => Hash256.FromBytes(new byte[length]));
    }
    [Fact]
    public void A_digest_of_another_length_is_refused_with_both_lengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => Hash256.FromBytes(new byte[31]));
        Assert.StartsWith("A SHA-256 digest is 32 bytes, not 31.", ex.Message, StringComparison.Ordinal);
    }
}
