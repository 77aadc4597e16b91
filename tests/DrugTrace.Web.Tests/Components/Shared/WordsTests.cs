using DrugTrace.Web.Components.Shared;

namespace DrugTrace.Web.Tests.Components.Shared;

public sealed class WordsTests
{
    [Theory]
    [InlineData(0, "0 packs")]
    [InlineData(1, "1 pack")]
    [InlineData(2, "2 packs")]
    [InlineData(1000, "1,000 packs")]
    public void Counts_of_packs_read_as_people_write_them(int n, string expected) => Assert.Equal(expected, Words.Packs(n));
}
