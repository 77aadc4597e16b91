using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

/// <summary>Verifier keys are read strictly, each refusal in its words; signatures of the wrong shape never verify.</summary>
public class NoteVerifierTests
{
    // golang.org/x/mod/sumdb/note note_test.go
    private const string Name = "PeterNeumann";
    private const string Id = "c74f20a3";
    private const string Key = "ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    private static string Refusal(string? text)
    {
        Assert.False(NoteVerifier.TryParse(text, out var verifier, out var problem));
        Assert.Null(verifier);
        return problem!;
    }

    private static string Material(byte type, int keyBytes) => Convert.ToBase64String([type, .. new byte[keyBytes]]);

    [Fact]
    public void The_reference_key_parses_and_prints_back_the_same()
    {
        Assert.True(NoteVerifier.TryParse($"  {Name}+{Id}+{Key}\n", out var verifier, out var problem));
        Assert.Null(problem);
        Assert.Equal((Name, NoteKeys.Ed25519, 0xc74f20a3u), (verifier!.Name, verifier.Type, verifier.KeyId));
        Assert.Equal($"{Name}+{Id}+{Key}", verifier.VerifierKey);
    }

    [Fact]
    public void A_key_that_is_not_three_parts_is_refused()
    {
        const string Problem = "a verifier key is name+keyid+key (three parts joined by +)";
        Assert.Equal(Problem, Refusal(null));
        Assert.Equal(Problem, Refusal(""));
        Assert.Equal(Problem, Refusal($"{Name}+{Id}"));
    }

    [Fact]
    public void Each_bad_part_is_named()
    {
        Assert.Equal("'Peter Neumann' is not a valid key name", Refusal($"Peter Neumann+{Id}+{Key}"));
        Assert.Equal("'' is not a valid key name", Refusal($"+{Id}+{Key}"));
        Assert.Equal("the key id 'c74f20a' is not 8 hex digits", Refusal($"{Name}+c74f20a+{Key}"));
        Assert.Equal("the key id 'c74f20a3a' is not 8 hex digits", Refusal($"{Name}+c74f20a3a+{Key}"));
        Assert.Equal("the key id 'c74f20ag' is not 8 hex digits", Refusal($"{Name}+c74f20ag+{Key}"));
        Assert.Equal("the key id '' is not 8 hex digits", Refusal($"{Name}++{Key}"));
        Assert.Equal("the key material is not canonical base64", Refusal($"{Name}+{Id}+{Key[..^1]}"));
        Assert.Equal("the key material is 32 bytes, not 1 type byte and a 32-byte Ed25519 key",
            Refusal($"{Name}+{Id}+{Convert.ToBase64String(new byte[32])}"));
        Assert.Equal("the key material is 34 bytes, not 1 type byte and a 32-byte Ed25519 key", Refusal($"{Name}+{Id}+{Material(1, 33)}"));
        Assert.Equal("signature type 0x02 is not supported (0x01 Ed25519, 0x04 cosignature/v1)", Refusal($"{Name}+{Id}+{Material(2, 32)}"));
        Assert.Equal("the key id c74f20a4 does not match the key (c74f20a3)", Refusal($"{Name}+c74f20a4+{Key}"));
    }

    [Fact]
    public void Parse_throws_with_the_problem_in_its_message()
    {
        var thrown = Assert.Throws<FormatException>(() => NoteVerifier.Parse($"{Name}+{Id}"));
        Assert.Equal("Not a verifier key: a verifier key is name+keyid+key (three parts joined by +).", thrown.Message);
        Assert.Equal(0xc74f20a3u, NoteVerifier.Parse($"{Name}+{Id}+{Key}").KeyId);
    }

    [Fact]
    public void A_key_from_its_bytes_checks_name_type_and_length()
    {
        var key = new byte[32];
        Assert.Equal("'a b' is not a valid key name. (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => NoteVerifier.FromPublicKey("a b", NoteKeys.Ed25519, key)).Message);
        Assert.Equal("Signature type 0x02 is not supported. (Parameter 'type')",
            Assert.Throws<ArgumentException>(() => NoteVerifier.FromPublicKey("a", 2, key)).Message);
        Assert.Equal("An Ed25519 public key is 32 bytes. (Parameter 'publicKey')",
            Assert.Throws<ArgumentException>(() => NoteVerifier.FromPublicKey("a", NoteKeys.Ed25519, new byte[31])).Message);
        var cosigning = NoteVerifier.FromPublicKey("w.example", NoteKeys.CosignatureV1, key);
        Assert.Equal((NoteKeys.CosignatureV1, 32), (cosigning.Type, cosigning.PublicKey.Length));
    }

    [Fact]
    public void Signatures_of_the_wrong_length_or_an_impossible_timestamp_do_not_verify()
    {
        var log = NoteSigner.Generate("example.org/log");
        var text = "example.org/log\n1\nAAAA\n";
        var signature = SignedNote.Sign(text, log).Signatures[0].Signature;
        Assert.True(log.Verifier.Verify(text, signature, out var none));
        Assert.Null(none);
        Assert.False(log.Verifier.Verify(text, signature.AsSpan(0, 63), out _));
        Assert.False(log.Verifier.Verify(text, [.. signature, 0], out _));
        Assert.False(log.Verifier.Verify(text + "x", signature, out _));

        var witness = Cosigner.Generate("w.example/w1");
        var cosignature = SignedNote.Parse(text + "\n" + witness.SignatureLine(text, 1_700_000_000)).Signatures[0].Signature;
        Assert.True(witness.Verifier.Verify(text, cosignature, out var timestamp));
        Assert.Equal(1_700_000_000, timestamp);
        Assert.False(witness.Verifier.Verify(text, cosignature.AsSpan(0, 71), out _));
        Assert.False(witness.Verifier.Verify(text, [.. cosignature, 0], out _));
        var impossible = cosignature.ToArray();
        impossible[0] = 0x80;
        Assert.False(witness.Verifier.Verify(text, impossible, out var never));
        Assert.Null(never);
        var later = cosignature.ToArray();
        later[7] ^= 1;
        Assert.False(witness.Verifier.Verify(text, later, out _));
    }

    [Fact]
    public void A_cosignature_at_the_largest_timestamp_a_long_holds_verifies()
    {
        // Only a timestamp beyond long.MaxValue is impossible; the largest one itself is a valid cosignature.
        var text = "example.org/log\n1\nAAAA\n";
        var witness = Cosigner.Generate("w.example/w1");
        var cosignature = SignedNote.Parse(text + "\n" + witness.SignatureLine(text, long.MaxValue)).Signatures[0].Signature;

        Assert.True(witness.Verifier.Verify(text, cosignature, out var timestamp));
        Assert.Equal(long.MaxValue, timestamp);
    }
}
