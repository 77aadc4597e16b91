using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class CheckpointTests
{
    private static readonly string RootLine = Convert.ToBase64String(new byte[Hash256.Size]);

    [Fact]
    public void The_text_ends_each_extension_line_with_a_newline_and_reads_back()
    {
        var checkpoint = new Checkpoint("log.example/a", 7, Hash256.Zero, ["ext one", "ext two"]);
        Assert.Equal($"log.example/a\n7\n{RootLine}\next one\next two\n", checkpoint.Text);
        Assert.True(Checkpoint.TryParse(checkpoint.Text, out var back, out var problem), problem);
        Assert.Equal(["ext one", "ext two"], back!.Extensions);
    }

    [Fact]
    public void A_size_of_zero_is_one_digit_and_reads()
    {
        Assert.True(Checkpoint.TryParse($"o\n0\n{RootLine}\n", out var checkpoint, out var problem), problem);
        Assert.Equal(0, checkpoint!.Size);
    }

    [Theory]
    [InlineData("o\n1\nAAAA", "the checkpoint does not end with a newline")]
    [InlineData("o\n1\n", "a checkpoint has an origin, a size and a root line")]
    [InlineData("\n1\nAAAA\n", "the origin line is empty")]
    [InlineData("o\n1\nAAB=\n", "the root line is not canonical base64")]
    [InlineData("o\n1\nAAAA\n", "the root hash is 3 bytes, not 32")]
    public void Each_malformed_part_is_refused_in_its_words(string text, string expected)
    {
        Assert.False(Checkpoint.TryParse(text, out var checkpoint, out var problem));
        Assert.Null(checkpoint);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void An_empty_extension_line_is_refused()
    {
        Assert.False(Checkpoint.TryParse($"o\n1\n{RootLine}\n\n", out _, out var problem));
        Assert.Equal("a checkpoint extension line is empty", problem);
    }
}
