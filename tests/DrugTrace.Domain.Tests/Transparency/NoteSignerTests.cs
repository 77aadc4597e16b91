using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

/// <summary>Signing keys are read strictly: each refusal in its words.</summary>
public class NoteSignerTests
{
    // golang.org/x/mod/sumdb/note note_test.go
    private const string SignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string Seed = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

    private static string Refusal(string text) => Assert.Throws<FormatException>(() => NoteSigner.ParsePrivateKey(text)).Message;

    [Fact]
    public void The_reference_key_reads_in_any_case_of_its_id_and_around_spaces()
    {
        Assert.Equal(0xc74f20a3u, NoteSigner.ParsePrivateKey($"  {SignerKey}\n").KeyId);
        Assert.Equal(SignerKey, NoteSigner.ParsePrivateKey("PRIVATE+KEY+PeterNeumann+C74F20A3+" + Seed).PrivateKeyText);
    }

    [Theory]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3")]
    [InlineData("private+KEY+PeterNeumann+c74f20a3+" + Seed)]
    [InlineData("PRIVATE+key+PeterNeumann+c74f20a3+" + Seed)]
    [InlineData("PeterNeumann+c74f20a3+" + Seed)]
    public void A_key_without_its_five_parts_is_refused(string text)
    {
        Assert.Equal("A signing key is PRIVATE+KEY+name+keyid+key.", Refusal(text));
    }

    [Fact]
    public void A_key_of_another_type_or_length_or_id_is_refused()
    {
        var cosigning = Convert.ToBase64String([NoteKeys.CosignatureV1, .. new byte[32]]);
        Assert.Equal("The signing key is not an Ed25519 key.", Refusal($"PRIVATE+KEY+a+00000000+{cosigning}"));
        Assert.Equal("The signing key is not an Ed25519 key.", Refusal($"PRIVATE+KEY+a+00000000+{Convert.ToBase64String([NoteKeys.Ed25519, .. new byte[31]])}"));
        Assert.Equal("The signing key's id does not match its key.", Refusal("PRIVATE+KEY+PeterNeumann+c74f20a4+" + Seed));
        Assert.Equal("The signing key's id does not match its key.", Refusal("PRIVATE+KEY+PeterNeumanN+c74f20a3+" + Seed));
    }

    [Fact]
    public void A_signer_needs_a_valid_name_and_a_32_byte_seed()
    {
        Assert.Equal("'a b' is not a valid key name: no spaces, no plus. (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => new NoteSigner("a b", new byte[32])).Message);
        Assert.Equal("An Ed25519 private key seed is 32 bytes. (Parameter 'seed')",
            Assert.Throws<ArgumentException>(() => new NoteSigner("a", new byte[31])).Message);
    }

    [Fact]
    public void A_signature_line_names_the_key_and_carries_its_id_before_the_64_byte_signature()
    {
        var signer = new NoteSigner("example.org/log", new byte[32]);
        var line = signer.SignatureLine("text\n");
        Assert.StartsWith("— example.org/log ", line, StringComparison.Ordinal);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        var blob = Convert.FromBase64String(line["— example.org/log ".Length..^1]);
        Assert.Equal(68, blob.Length);
        Assert.Equal(signer.KeyId, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob));
        Assert.True(signer.Verifier.Verify("text\n", blob.AsSpan(4), out _));
        Assert.Equal(signer.PublicKey, signer.Verifier.PublicKey);
    }
}
