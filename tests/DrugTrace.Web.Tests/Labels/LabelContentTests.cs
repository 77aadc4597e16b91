using DrugTrace.Application.Packs;
using DrugTrace.Domain.Gs1;
using DrugTrace.Web.Labels;

namespace DrugTrace.Web.Tests.Labels;

/// <summary>A label's Digital Link reads back as the pack it was printed for, whatever CSET-82 text its lot and serial are.</summary>
public sealed class LabelContentTests
{
    private static readonly DateOnly Today = new(2030, 1, 1);

    [Theory]
    [InlineData(".", "..")]
    [InlineData("..", ".")]
    [InlineData("a/../b", "L?1")]
    [InlineData("%2E", "%")]
    [InlineData("...", "L1")]
    public void The_Digital_Link_scans_back_to_its_pack(string serial, string lot)
    {
        var pack = new PackView("04012345000115", serial, lot, new DateOnly(2031, 3, 31), "active", null, null);
        var link = LabelContent.DigitalLink("https://verify.example/", pack);

        var read = Gs1Parser.ParsePack(link, Today);

        Assert.True(read.IsSuccess, $"{link}: {read.Error?.Message}");
        Assert.Equal((pack.Gtin, serial, lot, pack.Expiry), (read.Value.Gtin.Value, read.Value.Serial, read.Value.Lot, read.Value.Expiry));
    }

    [Fact]
    public void A_dot_segment_lot_or_serial_is_percent_encoded_and_nothing_else_changes()
    {
        var pack = new PackView("04012345000115", ".", "..", new DateOnly(2031, 3, 31), "active", null, null);
        Assert.Equal("https://verify.example/01/04012345000115/10/%2E%2E/21/%2E?17=310331", LabelContent.DigitalLink("https://verify.example", pack));
        Assert.Equal("https://verify.example/01/04012345000115/10/L%2F1/21/a.b?17=310331",
            LabelContent.DigitalLink("https://verify.example/", pack with { Lot = "L/1", Serial = "a.b" }));
    }
}
