using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

public class ScanCodeReaderTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_code_is_the_callers_mistake(string? code)
    {
        var e = Assert.Throws<ValidationException>(() => ScanCodeReader.Read(code, Start));
        Assert.Contains("The code is empty", e.Errors["code"][0]);
    }

    [Fact]
    public void An_unreadable_code_says_what_is_wrong()
    {
        var e = Assert.Throws<ValidationException>(() => ScanCodeReader.Read("(01)09506000134352", Start));
        Assert.Contains("no serial number (21)", e.Errors["code"][0]);
    }

    [Fact]
    public void A_readable_code_is_the_pack_it_names()
    {
        var id = ScanCodeReader.Read(Code("SN1"), Start);
        Assert.Equal((Gtin, "SN1", "LOT42", Expiry), (id.Gtin.Value, id.Serial, id.Lot, id.Expiry));
    }

    [Fact]
    public void Parse_leaves_an_unreadable_code_to_the_caller_but_still_refuses_an_empty_one()
    {
        var parsed = ScanCodeReader.Parse("(01)09506000134352", DateOnly.FromDateTime(Start.UtcDateTime));
        Assert.False(parsed.IsSuccess);
        Assert.Throws<ValidationException>(() => ScanCodeReader.Parse("", DateOnly.FromDateTime(Start.UtcDateTime)));
    }
}
