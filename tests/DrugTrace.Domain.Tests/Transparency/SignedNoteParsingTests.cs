using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

/// <summary>How a signed note is read: each refusal in its own words, the signature lines' bytes, merging cosignatures.</summary>
public class SignedNoteParsingTests
{
    private static string Refusal(string? note)
    {
        Assert.False(SignedNote.TryParse(note, out var parsed, out var problem));
        Assert.Null(parsed);
        return problem!;
    }

    [Theory]
    [InlineData(null, "the note is empty")]
    [InlineData("", "the note is empty")]
    [InlineData("te\txt\n\n— name AAAAAAAA\n", "the note holds a control character other than newline")]
    [InlineData("text\r\n\n— name AAAAAAAA\n", "the note holds a control character other than newline")]
    [InlineData("no final newline", "the note does not end with a newline")]
    [InlineData("text\n\n— name AAAAAAAA", "the note does not end with a newline")]
    [InlineData("text\n", "the note has no blank line before its signatures")]
    [InlineData("text\n\n", "the note has no signature")]
    [InlineData("text\n\nnot a signature\n", "'not a signature' is not a signature line (— name signature)")]
    [InlineData("text\n\n— name AAAAAAAA\n-- name AAAAAAAA\n", "'-- name AAAAAAAA' is not a signature line (— name signature)")]
    [InlineData("text\n\n— name\n", "the signature line '— name' has no key name and signature")]
    [InlineData("text\n\n—  AAAAAAAA\n", "the signature line '—  AAAAAAAA' has no key name and signature")]
    [InlineData("text\n\n— na+me AAAAAAAA\n", "'na+me' is not a valid key name")]
    [InlineData("text\n\n— name !!!\n", "the signature of name is not canonical base64")]
    [InlineData("text\n\n— name AAAAAAA\n", "the signature of name is not canonical base64")]
    [InlineData("text\n\n— name AAAAAA==\n", "the signature of name is too short")]
    public void A_malformed_note_is_refused_in_words(string? note, string problem)
    {
        Assert.Equal(problem, Refusal(note));
    }

    [Fact]
    public void A_long_line_is_shortened_in_the_problem()
    {
        var forty = new string('x', 40);
        Assert.Equal($"'{forty}' is not a signature line (— name signature)", Refusal($"text\n\n{forty}\n"));
        Assert.Equal($"'{forty}...' is not a signature line (— name signature)", Refusal($"text\n\n{forty}y\n"));
    }

    [Fact]
    public void Surrogates_must_pair_up()
    {
        Assert.True(SignedNote.TryParse("pill \U0001F48A\n\n— name AAAAAAAA\n", out var parsed, out _));
        Assert.Equal("pill \U0001F48A\n", parsed!.Text);
        Assert.Equal("the note is not valid UTF-8 text", Refusal("lone \uD83D\n\n— name AAAAAAAA\n"));
        Assert.Equal("the note is not valid UTF-8 text", Refusal("lone \uDC8A\n\n— name AAAAAAAA\n"));
        Assert.Equal("the note is not valid UTF-8 text", Refusal("swapped \uDC8A\uD83D\n\n— name AAAAAAAA\n"));
        Assert.Equal("the note is not valid UTF-8 text", Refusal("last \uD83D"));
    }

    [Fact]
    public void A_signature_line_is_a_big_endian_key_id_then_the_signature_bytes()
    {
        var note = SignedNote.Parse("text\n\n— example.org/log AAAAAQID\n— other ESIzRFU=\n");
        Assert.Equal("text\n", note.Text);
        Assert.Equal(2, note.Signatures.Count);
        Assert.Equal(("example.org/log", 1u, "0203"), (note.Signatures[0].Name, note.Signatures[0].KeyId, Convert.ToHexString(note.Signatures[0].Signature)));
        Assert.Equal(("other", 0x11223344u, "55"), (note.Signatures[1].Name, note.Signatures[1].KeyId, Convert.ToHexString(note.Signatures[1].Signature)));
        Assert.Equal("— example.org/log AAAAAQID\n", note.Signatures[0].Line);
        Assert.Equal("text\n\n— example.org/log AAAAAQID\n— other ESIzRFU=\n", note.ToString());
    }

    [Fact]
    public void A_hundred_signatures_are_read_and_one_more_is_refused()
    {
        var lines = string.Concat(Enumerable.Range(0, SignedNote.MaxSignatures).Select(i => $"— k{i} AAAAAAAA\n"));
        Assert.Equal(100, SignedNote.MaxSignatures);
        Assert.Equal(100, SignedNote.Parse("text\n\n" + lines).Signatures.Count);
        Assert.Equal("the note has 101 signatures, more than 100", Refusal("text\n\n" + lines + "— k100 AAAAAAAA\n"));
    }

    [Fact]
    public void Parse_throws_with_the_problem_in_its_message()
    {
        var thrown = Assert.Throws<FormatException>(() => SignedNote.Parse("text\n"));
        Assert.Equal("Not a signed note: the note has no blank line before its signatures.", thrown.Message);
    }

    [Fact]
    public void Added_signatures_are_appended_unless_the_note_has_one_by_that_key()
    {
        var note = SignedNote.Parse("text\n\n— log AAAAAQID\n");
        var merged = note.WithSignatures([
            new NoteSignature("log", 1, [9, 9]),
            new NoteSignature("log", 2, [4]),
            new NoteSignature("witness", 1, [5]),
        ]);
        Assert.Equal(["log 1 0203", "log 2 04", "witness 1 05"],
            merged.Signatures.Select(s => $"{s.Name} {s.KeyId} {Convert.ToHexString(s.Signature)}"));
        Assert.Equal(note.Text, merged.Text);
        Assert.Single(note.Signatures);
    }
}
