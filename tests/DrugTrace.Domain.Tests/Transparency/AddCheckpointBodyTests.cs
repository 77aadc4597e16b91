using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class AddCheckpointBodyTests
{
    private const string Note = "example.org/log\n37\nq1zEbYbX6BqlwxqC0qTJjTE0ZZ7Gi1hBVqEk3wA6oCk=\n\n— example.org/log AAAA\n";
    private static readonly Hash256 First = Hash256.FromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static readonly Hash256 Second = Hash256.FromHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");

    private static string Line(Hash256 hash) => Convert.ToBase64String(hash.ToBytes());

    private static string Refusal(string? body)
    {
        Assert.False(AddCheckpointBody.TryParse(body, out var parsed, out var problem));
        Assert.Null(parsed);
        Assert.NotNull(problem);
        return problem;
    }

    [Fact]
    public void The_text_is_the_old_size_the_proof_lines_an_empty_line_and_the_note()
    {
        var body = new AddCheckpointBody(10, [First, Second], Note);
        Assert.Equal($"old 10\n{Line(First)}\n{Line(Second)}\n\n{Note}", body.Text);
        Assert.Equal("old 0\n\n" + Note, new AddCheckpointBody(0, [], Note).Text);
    }

    [Fact]
    public void A_written_body_parses_back_to_the_same_size_proof_and_note()
    {
        var text = new AddCheckpointBody(1234567890123, [First, Second], Note).Text;
        Assert.True(AddCheckpointBody.TryParse(text, out var parsed, out var problem), problem);
        Assert.Null(problem);
        Assert.Equal(1234567890123, parsed!.OldSize);
        Assert.Equal([First, Second], parsed.Proof);
        Assert.Equal(Note, parsed.Note);
    }

    [Fact]
    public void Size_zero_with_no_proof_parses()
    {
        Assert.True(AddCheckpointBody.TryParse("old 0\n\n" + Note, out var parsed, out _));
        Assert.Equal(0, parsed!.OldSize);
        Assert.Empty(parsed.Proof);
    }

    [Fact]
    public void An_empty_or_missing_body_is_refused()
    {
        Assert.Equal("the request body is empty", Refusal(null));
        Assert.Equal("the request body is empty", Refusal(""));
    }

    [Fact]
    public void A_body_without_a_first_line_is_refused()
    {
        Assert.Equal("the body has no old size line", Refusal("old 10"));
    }

    [Theory]
    [InlineData("new 10\n\nnote")]
    [InlineData("old10\n\nnote")]
    [InlineData("Old 10\n\nnote")]
    [InlineData(" old 10\n\nnote")]
    public void A_first_line_that_is_not_old_size_is_refused(string body)
    {
        Assert.Equal("the first line is not 'old <size>'", Refusal(body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("05")]
    [InlineData("00")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1a")]
    [InlineData(" 1")]
    [InlineData("١٢")]
    [InlineData("99999999999999999999")]
    public void An_old_size_that_is_not_a_plain_decimal_is_refused_and_named(string size)
    {
        Assert.Equal($"the old size '{size}' is not a decimal number without leading zeros", Refusal($"old {size}\n\n{Note}"));
    }

    [Fact]
    public void A_long_bad_value_is_shortened_to_forty_characters_in_the_problem()
    {
        var forty = new string('9', 39) + "x";
        Assert.Equal($"the old size '{forty}' is not a decimal number without leading zeros", Refusal($"old {forty}\n\n{Note}"));
        var longer = forty + "y";
        Assert.Equal($"the old size '{forty}...' is not a decimal number without leading zeros", Refusal($"old {longer}\n\n{Note}"));
    }

    [Fact]
    public void A_body_whose_proof_never_ends_with_an_empty_line_is_refused()
    {
        Assert.Equal("the body has no empty line before the checkpoint", Refusal("old 10\n"));
        Assert.Equal("the body has no empty line before the checkpoint", Refusal($"old 10\n{Line(First)}"));
        Assert.Equal("the body has no empty line before the checkpoint", Refusal($"old 10\n{Line(First)}\n"));
    }

    [Fact]
    public void Sixty_three_proof_lines_parse_and_sixty_four_are_refused()
    {
        var sixtyThree = Enumerable.Repeat(First, AddCheckpointBody.MaxProofLines).ToArray();
        Assert.Equal(63, AddCheckpointBody.MaxProofLines);
        Assert.True(AddCheckpointBody.TryParse(new AddCheckpointBody(5, sixtyThree, Note).Text, out var parsed, out var problem), problem);
        Assert.Equal(63, parsed!.Proof.Count);

        var sixtyFour = new AddCheckpointBody(5, [.. sixtyThree, Second], Note).Text;
        Assert.Equal("the consistency proof has more than 63 lines", Refusal(sixtyFour));
    }

    [Theory]
    [InlineData("not base64!", "not base64!")]
    [InlineData("AAAA", "AAAA")]
    [InlineData("ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd7v8", "ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd...")]
    [InlineData("ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd7v9=", "ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd...")]
    public void A_proof_line_that_is_not_a_canonical_base64_sha256_hash_is_refused_and_named(string line, string named)
    {
        Assert.Equal($"the proof line '{named}' is not a base64 SHA-256 hash", Refusal($"old 10\n{line}\n\n{Note}"));
    }

    [Fact]
    public void A_body_with_nothing_after_the_empty_line_is_refused()
    {
        Assert.Equal("the body holds no checkpoint after the empty line", Refusal($"old 10\n{Line(First)}\n\n"));
    }

    [Fact]
    public void The_note_is_everything_after_the_empty_line_blank_lines_included()
    {
        Assert.True(AddCheckpointBody.TryParse("old 3\n\n\nx\n", out var parsed, out _));
        Assert.Equal("\nx\n", parsed!.Note);
    }
    [Fact]
    public void A_body_opening_with_an_empty_line_has_no_old_size_first()
    {
        Assert.False(AddCheckpointBody.TryParse("\nold 1\n\n" + Note, out _, out var problem));
        Assert.Equal("the first line is not 'old <size>'", problem);
    }
}
