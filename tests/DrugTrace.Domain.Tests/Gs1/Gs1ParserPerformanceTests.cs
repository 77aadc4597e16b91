using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class Gs1ParserPerformanceTests
{
    [Theory]
    [InlineData("]d201095060001343521727123110LOT42\u001d21SN000123456")]
    [InlineData("https://id.gs1.org/01/09506000134352/10/LOT42/21/SN%2F123456?17=271231&linkType=all")]
    [InlineData("(01)09506000134352(17)271231(10)LOT42(21)SN000123456")]
    public void Parsing_allocates_little_per_code(string input)
    {
        for (var i = 0; i < 2_000; i++) Gs1Parser.ParsePack(input, Gs1ParserTests.Today); // warm up (and load the table)

        const int N = 20_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < N; i++)
        {
            if (!Gs1Parser.ParsePack(input, Gs1ParserTests.Today).IsSuccess) Assert.Fail("parse failed");
        }
        var bytesPerParse = (GC.GetAllocatedBytesForCurrentThread() - before) / N;

        // Speed is measured by the benchmark project, not here; allocation is deterministic enough to bound.
        Assert.True(bytesPerParse < 3_000, $"{bytesPerParse} bytes per parse");
    }
}
