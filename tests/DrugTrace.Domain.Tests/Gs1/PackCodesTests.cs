using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class PackCodesTests
{
    [Fact]
    public void The_human_readable_code_is_GTIN_expiry_lot_serial_and_reads_back_as_the_pack()
    {
        var code = PackCodes.HumanReadable("09506000134352", new DateOnly(2027, 12, 31), "LOT42", "SN1");
        Assert.Equal("(01)09506000134352(17)271231(10)LOT42(21)SN1", code);
        var pack = Gs1Parser.ParsePack(code, Gs1ParserTests.Today).Value!;
        Assert.Equal(("09506000134352", (DateOnly?)new DateOnly(2027, 12, 31), (string?)"LOT42", "SN1"), (pack.Gtin.Value, pack.Expiry, pack.Lot, pack.Serial));
    }
}
