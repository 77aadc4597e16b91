using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public sealed class AiTableDisplayNameTests
{
    [Theory]
    [InlineData("00", "SSCC")]
    [InlineData("01", "GTIN")]
    [InlineData("02", "Contained GTIN")]
    [InlineData("10", "Lot")]
    [InlineData("11", "Production date")]
    [InlineData("15", "Best before")]
    [InlineData("17", "Expiry")]
    [InlineData("21", "Serial")]
    [InlineData("22", "CPV")]
    [InlineData("240", "Additional product ID")]
    [InlineData("250", "Secondary serial")]
    [InlineData("414", "GLN")]
    [InlineData("8030", "Digital signature")]
    public void The_AIs_a_pharmacist_reads_have_names_of_their_own(string ai, string name)
    {
        var definition = AiTable.Get(ai);
        Assert.Equal(name, definition.DisplayName);
        Assert.Equal($"{name} ({ai})", definition.Label);
    }

    [Theory]
    [InlineData("03", "MTO GTIN")]
    [InlineData("13", "PACK DATE")]
    [InlineData("8006", "ITIP")]
    public void Other_AIs_are_named_by_their_dictionary_title(string ai, string title)
    {
        var definition = AiTable.Get(ai);
        Assert.Equal(title, definition.Title);
        Assert.Equal(title, definition.DisplayName);
    }
}
