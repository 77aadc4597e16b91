using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class Gs1ParseResultTests
{
    [Fact]
    public void A_result_shows_as_its_code_or_its_error()
    {
        var ok = Gs1Parser.Parse("(01)09506000134352(21)A", Gs1ParserTests.Today);
        Assert.Equal(ok.Value!.ToString(), ok.ToString());
        var failed = Gs1Parser.Parse("(01)09506000134352(10)", Gs1ParserTests.Today);
        Assert.Equal("Malformed: Lot (10) has no value.", failed.ToString());
    }
}
