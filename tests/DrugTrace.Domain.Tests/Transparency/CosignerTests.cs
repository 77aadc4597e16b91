using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class CosignerTests
{
    private static readonly byte[] Seed = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    [Fact]
    public void The_constructor_refuses_a_bad_name_or_seed_in_words()
    {
        var name = Assert.Throws<ArgumentException>(() => new Cosigner("a b", Seed));
        Assert.StartsWith("'a b' is not a valid key name: no spaces, no plus.", name.Message, StringComparison.Ordinal);
        var seed = Assert.Throws<ArgumentException>(() => new Cosigner("witness", Seed[..31]));
        Assert.StartsWith("An Ed25519 private key seed is 32 bytes.", seed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_text_reads_back_to_the_same_key()
    {
        var cosigner = new Cosigner("witness", Seed);
        var back = Cosigner.ParsePrivateKey(cosigner.PrivateKeyText);
        Assert.Equal(cosigner.KeyId, back.KeyId);
        Assert.Equal(cosigner.PublicKey, back.PublicKey);
    }

    [Theory]
    [InlineData("PUBLIC+KEY")]
    [InlineData("PRIVATE+KEX")]
    public void Another_header_is_refused(string header)
    {
        var text = new Cosigner("witness", Seed).PrivateKeyText.Replace("PRIVATE+KEY", header, StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => Cosigner.ParsePrivateKey(text));
        Assert.Equal("A cosigning key is PRIVATE+KEY+name+keyid+key.", ex.Message);
    }

    [Fact]
    public void A_key_of_another_type_is_refused()
    {
        var cosigner = new Cosigner("witness", Seed);
        var parts = cosigner.PrivateKeyText.Split('+');
        var raw = Convert.FromBase64String(parts[4]);
        raw[0] = NoteKeys.Ed25519;
        var text = string.Join('+', parts[..4]) + "+" + Convert.ToBase64String(raw);
        var ex = Assert.Throws<FormatException>(() => Cosigner.ParsePrivateKey(text));
        Assert.Equal("The key is not a cosignature/v1 key.", ex.Message);
    }
}
