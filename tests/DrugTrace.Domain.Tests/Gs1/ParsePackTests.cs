using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class ParsePackTests
{
    [Theory]
    [InlineData("]d201095060001343521727123110LOT42\u001d21SN000123456")]
    [InlineData("https://id.gs1.org/01/09506000134352/10/LOT42/21/SN000123456?17=271231")]
    [InlineData("(01)09506000134352(17)271231(10)LOT42(21)SN000123456")]
    [InlineData("01 09506000134352 17 271231 10 LOT42 21 SN000123456")]
    public void Pack_from_every_form(string input)
    {
        var result = Gs1Parser.ParsePack(input, Gs1ParserTests.Today);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(new PackIdentity(Gtin.Parse("09506000134352"), "SN000123456", "LOT42", new DateOnly(2027, 12, 31)), result.Value);
        Assert.Equal("SN000123456", result.Code.Serial);
    }

    [Fact]
    public void Lot_and_expiry_are_optional()
    {
        var (pack, error) = Gs1Parser.ParsePack("(01)09506000134352(21)A1", Gs1ParserTests.Today);
        Assert.Null(error);
        Assert.NotNull(pack);
        Assert.Null(pack.Lot);
        Assert.Null(pack.Expiry);
        Assert.Equal("A1", pack.Serial);
    }

    [Fact]
    public void Expiry_day_00_is_the_last_day_of_the_month()
    {
        var result = Gs1Parser.ParsePack("(01)09506000134352(17)280200(21)A1", Gs1ParserTests.Today);
        Assert.True(result.TryGet(out var pack, out _));
        Assert.Equal(new DateOnly(2028, 2, 29), pack.Expiry);
    }

    [Theory]
    [InlineData(2026, "760101", 2076)]
    [InlineData(2026, "770101", 1977)]
    [InlineData(2080, "300101", 2130)]
    [InlineData(2080, "310101", 2031)]
    public void Expiry_century_follows_today(int todayYear, string expiry, int expectedYear)
    {
        var result = Gs1Parser.ParsePack($"(01)09506000134352(17){expiry}(21)A1", new DateOnly(todayYear, 6, 1));
        Assert.Equal(expectedYear, result.Value?.Expiry?.Year);
    }

    [Fact]
    public void Product_code_without_serial_is_not_a_pack()
    {
        var result = Gs1Parser.ParsePack("(01)09506000134352(17)271231(10)LOT42", Gs1ParserTests.Today);
        Assert.False(result.IsSuccess);
        Assert.Equal(Gs1ErrorCode.MissingSerial, result.Error.Code);
        Assert.Equal("The code has no serial number (21): it identifies a product, not a pack.", result.Error.Message);
    }

    [Fact]
    public void Code_without_gtin_is_not_a_pack()
    {
        var sscc = "09506000134000001" + CheckDigit.Compute("09506000134000001");
        var result = Gs1Parser.ParsePack($"(00){sscc}", Gs1ParserTests.Today);
        Assert.Equal(Gs1ErrorCode.MissingGtin, result.Error?.Code);
    }

    [Fact]
    public void Parse_errors_pass_through()
    {
        var result = Gs1Parser.ParsePack("(01)09506000134353(21)A", Gs1ParserTests.Today);
        Assert.Equal(Gs1ErrorCode.InvalidCheckDigit, result.Error?.Code);
        Assert.Null(result.Value);
        Assert.Null(result.Code);
    }
}
