using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class PackParseResultTests
{
    [Fact]
    public void A_result_shows_as_its_pack_or_its_error()
    {
        var ok = Gs1Parser.ParsePack("(01)09506000134352(17)271231(10)LOT42(21)A", Gs1ParserTests.Today);
        Assert.Equal(ok.Value!.ToString(), ok.ToString());
        var failed = Gs1Parser.ParsePack("(01)09506000134352(10)", Gs1ParserTests.Today);
        Assert.Equal("Malformed: Lot (10) has no value.", failed.ToString());
    }
}
