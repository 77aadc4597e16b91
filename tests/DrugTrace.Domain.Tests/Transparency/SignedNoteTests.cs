using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class SignedNoteTests
{
    // golang.org/x/mod/sumdb/note note_test.go: Ed25519 is deterministic, so these are byte-exact.
    private const string VerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string SignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string Text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string Signature = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void Signing_reproduces_the_reference_note_and_its_keys()
    {
        var signer = NoteSigner.ParsePrivateKey(SignerKey);
        Assert.Equal(0xc74f20a3u, signer.KeyId);
        Assert.Equal(VerifierKey, signer.Verifier.VerifierKey);
        Assert.Equal(SignerKey, signer.PrivateKeyText);
        Assert.Equal(Signature, signer.SignatureLine(Text));
        Assert.Equal(Text + "\n" + Signature, SignedNote.Sign(Text, signer).ToString());
    }

    [Fact]
    public void The_reference_note_opens_with_its_verifier_key()
    {
        var note = SignedNote.Parse(Text + "\n" + Signature);
        var check = note.Open([NoteVerifier.Parse(VerifierKey)], out var verified);
        Assert.True(check.IsValid, check.Problem);
        Assert.Equal("PeterNeumann", Assert.Single(verified).Key.Name);
        Assert.Equal(Text, note.Text);
    }

    [Fact]
    public void A_changed_byte_anywhere_in_the_note_fails()
    {
        var note = Text + "\n" + Signature;
        var key = NoteVerifier.Parse(VerifierKey);
        for (var i = 0; i < note.Length; i++)
        {
            var c = note[i];
            var changed = note[..i] + (char)(c == 'A' ? 'B' : c == '\n' ? 'x' : c + 1) + note[(i + 1)..];
            var ok = SignedNote.TryParse(changed, out var parsed, out _) && parsed!.Open([key], out _).IsValid;
            Assert.False(ok, $"a change at {i} ('{c}') went unnoticed");
        }
    }

    [Fact]
    public void An_unknown_extra_signature_is_ignored_and_the_note_still_verifies()
    {
        var other = NoteSigner.Generate("example.org/other");
        var note = SignedNote.Parse(Text + "\n" + Signature + other.SignatureLine(Text)
            + "— PeterNeumann AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        Assert.Equal(3, note.Signatures.Count);
        var check = note.Open([NoteVerifier.Parse(VerifierKey)], out var verified);
        Assert.True(check.IsValid, check.Problem);
        Assert.Single(verified);
    }

    [Fact]
    public void A_note_signed_by_no_trusted_key_is_refused()
    {
        var note = SignedNote.Parse(Text + "\n" + Signature);
        var stranger = NoteSigner.Generate("PeterNeumann");
        var check = note.Open([stranger.Verifier], out _);
        Assert.False(check.IsValid);
        Assert.Contains("no signature is from a trusted key", check.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no final newline")]
    [InlineData("text\n")]
    [InlineData("text\n\n")]
    [InlineData("text\n\nnot a signature\n")]
    [InlineData("text\n\n— name\n")]
    [InlineData("text\n\n— name !!!\n")]
    [InlineData("text\n\n— na+me AAAAAAAA\n")]
    [InlineData("te\txt\n\n— name AAAAAAAA\n")]
    public void Malformed_notes_are_refused_with_a_reason(string note)
    {
        Assert.False(SignedNote.TryParse(note, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Mangled_verifier_keys_are_refused()
    {
        Assert.True(NoteVerifier.TryParse(VerifierKey, out _, out _));
        for (var i = 0; i < VerifierKey.Length; i++)
        {
            var mangled = VerifierKey[..i] + (char)(VerifierKey[i] + 1) + VerifierKey[(i + 1)..];
            Assert.False(NoteVerifier.TryParse(mangled, out _, out _), mangled);
        }
        Assert.False(NoteVerifier.TryParse("PeterNeumann+c74f20a3", out _, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_checkpoint_has_the_tlog_checkpoint_text_form()
    {
        var root = Hash256.FromBytes(Convert.FromBase64String("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
        var checkpoint = new Checkpoint("example.com/behind-the-sofa", 20852163, root);
        Assert.Equal("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", checkpoint.Text);
        Assert.True(Checkpoint.TryParse(checkpoint.Text + "ext line\n", out var parsed, out _));
        Assert.Equal((checkpoint.Origin, checkpoint.Size, checkpoint.Root), (parsed!.Origin, parsed.Size, parsed.Root));
        Assert.Equal(["ext line"], parsed.Extensions);
    }

    [Theory]
    [InlineData("o\n012\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("o\n12\nCsUYapGGPo4d\n")]
    [InlineData("o\n12\n")]
    [InlineData("\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    public void Malformed_checkpoints_are_refused(string text) => Assert.False(Checkpoint.TryParse(text, out _, out _));

    [Fact]
    public void A_cosignature_is_timestamped_and_verifies_with_a_type_4_key()
    {
        var cosigner = Cosigner.Generate("witness.example/w1");
        var checkpoint = new Checkpoint("example.com/log", 5, Rfc6962.EmptyRoot).Text;
        var log = NoteSigner.Generate("example.com/log");
        var note = SignedNote.Parse(checkpoint + "\n" + log.SignatureLine(checkpoint) + cosigner.SignatureLine(checkpoint, 1_679_315_147));

        var check = note.Open([log.Verifier, cosigner.Verifier], out var verified);

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(2, verified.Count);
        Assert.Equal(1_679_315_147, verified.Single(v => v.Key.Type == NoteKeys.CosignatureV1).Timestamp);
        Assert.StartsWith("witness.example/w1+", cosigner.Verifier.VerifierKey, StringComparison.Ordinal);
        Assert.Equal(NoteKeys.CosignatureV1, Convert.FromBase64String(cosigner.Verifier.VerifierKey.Split('+', 3)[2])[0]);
        // The cosignature is over the cosignature/v1 message, not the bare text: as a plain Ed25519 key it fails.
        var asPlain = NoteVerifier.FromPublicKey("witness.example/w1", NoteKeys.Ed25519, cosigner.PublicKey);
        Assert.False(asPlain.Verify(checkpoint, note.Signatures[1].Signature, out _));
        Assert.Equal(cosigner.PrivateKeyText, Cosigner.ParsePrivateKey(cosigner.PrivateKeyText).PrivateKeyText);
    }
    [Fact]
    public void Adding_signatures_skips_those_already_there_even_among_several()
    {
        var a = new NoteSigner("a.example/log", new byte[32]);
        var b = new NoteSigner("b.example/log", [.. Enumerable.Repeat((byte)7, 32)]);
        var note = SignedNote.Sign("body\n", a).WithSignatures(SignedNote.Sign("body\n", b).Signatures);
        Assert.Equal(2, note.Signatures.Count);
        var again = note.WithSignatures(SignedNote.Sign("body\n", b).Signatures);
        Assert.Equal(["a.example/log", "b.example/log"], again.Signatures.Select(s => s.Name));
    }

    [Fact]
    public void A_note_made_of_a_blank_line_first_is_read_up_to_its_signature_lines()
    {
        Assert.False(SignedNote.TryParse("\n\nx\n", out _, out var problem));
        Assert.Equal("'x' is not a signature line (— name signature)", problem);
    }

    [Fact]
    public void The_open_refusals_name_the_key()
    {
        var a = new NoteSigner("a.example/log", new byte[32]);
        var b = new NoteSigner("a.example/log", new byte[32]);
        var note = SignedNote.Sign("body\n", a);
        var altered = SignedNote.Parse("other\n\n" + note.Signatures[0].Line);
        var bad = altered.Open([b.Verifier], out _);
        Assert.Equal($"the signature of a.example/log ({a.KeyId:x8}) does not verify: the note was altered or not signed by that key", bad.Problem);

        var c = new NoteSigner("c.example/log", [.. Enumerable.Repeat((byte)7, 32)]);
        var d = new NoteSigner("d.example/log", [.. Enumerable.Repeat((byte)9, 32)]);
        var none = note.Open([c.Verifier, d.Verifier], out _);
        Assert.Equal($"no signature is from a trusted key (c.example/log+{c.KeyId:x8}, d.example/log+{d.KeyId:x8})", none.Problem);
    }
}
