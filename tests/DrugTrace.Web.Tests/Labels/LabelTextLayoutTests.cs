using System.Globalization;
using System.Xml.Linq;
using DrugTrace.Application.Packs;
using DrugTrace.Web.Labels;

namespace DrugTrace.Web.Tests.Labels;

/// <summary>What a label says is never cut: the product name wraps, the fields shrink to fit, nothing is stretched.</summary>
public sealed class LabelTextLayoutTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static PackView Pack(string? name, string serial = "SN12345678901234567X", string lot = "LOT-2031-0042-ABCDEF") =>
        new("04012345000115", serial, lot, new DateOnly(2031, 3, 31), "active", null, name);

    [Theory]
    [InlineData("Amoxicillin 500 mg hard capsules, 20")]
    [InlineData("Salbutamol 100 micrograms/dose inhaler, 200 doses")]
    [InlineData("Insulin glargine 100 U/ml pre-filled pen, 5 x 3 ml, with a very long description that goes on and on for a while")]
    [InlineData("Pneumonoultramicroscopicsilicovolcanoconiosisvaccine 10 mg")]
    public void The_product_name_is_printed_whole_and_each_line_fits_beside_the_code(string name)
    {
        var svg = XDocument.Parse(LabelRenderer.PackLabelSvg(Pack(name), LabelCode.DataMatrix, "https://example.org"));
        var root = svg.Root!;
        var width = double.Parse(root.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);
        var height = double.Parse(root.Attribute("viewBox")!.Value.Split(' ')[3], CultureInfo.InvariantCulture);
        var symbol = root.Element(Svg + "svg")!;
        var symbolRight = Number(symbol, "x") + Number(symbol, "width");
        var texts = root.Descendants(Svg + "text").ToList();

        var nameLines = texts.Where(t => t.Nodes().Count() == 1).Select(t => t.Value).ToList();
        // Lines break between words, or inside a word longer than a line: together they are the name.
        Assert.Equal(name.Replace(" ", ""), string.Concat(nameLines).Replace(" ", ""));
        Assert.DoesNotContain("…", svg.ToString());
        Assert.DoesNotContain("textLength", svg.ToString());
        Assert.DoesNotContain("Mono", svg.ToString());

        var bottom = 0.0;
        foreach (var text in texts)
        {
            var x = Number(text, "x");
            var y = Number(text, "y");
            var size = Number(text, "font-size");
            Assert.True(x > symbolRight, "text starts on the code");
            // By the layout's own estimate (the E2E label test holds that to Chromium's real widths).
            var bold = text.Element(Svg + "tspan")!.Value;
            Assert.True(x + LabelTextLayout.Width(bold, text.Value[bold.Length..].Trim(), size) <= width - 1.5 + 0.02, $"'{text.Value}' at {size} mm runs off the label");
            Assert.True(y - size > bottom - 0.01, $"'{text.Value}' overlaps the line above");
            Assert.True(y + size * 0.25 <= height, $"'{text.Value}' runs off the bottom");
            bottom = y;
        }
        // The fields, in full.
        var fields = texts.Where(t => t.Nodes().Count() == 2).Select(t => t.Value).ToList();
        Assert.Equal(["GTIN 04012345000115", "SN SN12345678901234567X", "LOT LOT-2031-0042-ABCDEF", "EXP 2031-03-31"], fields);
    }

    [Fact]
    public void A_label_without_a_product_name_has_only_its_fields()
    {
        var lines = LabelTextLayout.Lay(null, LabelContent.HumanReadable(Pack(null, "S1", "L1")), 40, 23);
        Assert.Equal(["GTIN", "SN", "LOT", "EXP"], lines.Select(l => l.Bold));
        Assert.All(lines, l => Assert.Equal(LabelTextLayout.MaxFontMm, l.FontMm));
    }

    [Theory]
    // At 1 mm a digit is 0.64 x 1.1 = 0.704 mm wide in bold, a space 0.352 mm.
    [InlineData("11 22 333", 3.2, new[] { "11 22", "333" })]
    [InlineData("1234567890", 3.2, new[] { "1234", "5678", "90" })]
    [InlineData("  two  spaces ", 20, new[] { "two spaces" })]
    public void Wrapping_breaks_between_words_and_splits_only_a_word_longer_than_a_line(string text, double widthMm, string[] expected) =>
        Assert.Equal(expected, LabelTextLayout.WrapToWidth(text, widthMm, 1));

    [Fact]
    public void The_sheet_prints_the_whole_element_string_with_the_serial_and_lets_it_wrap()
    {
        var html = LabelSheet.Pages([Pack("Amoxicillin 500 mg hard capsules, 20")], LabelCode.DataMatrix, "https://example.org");
        Assert.Contains("(01)04012345000115<wbr>(17)310331<wbr>(10)LOT-2031-0042-ABCDEF<wbr>(21)SN12345678901234567X</div>", html);
        Assert.DoesNotContain("ellipsis", LabelSheet.Css);
        Assert.DoesNotContain("nowrap", LabelSheet.Css);
    }

    private static double Number(XElement e, string attribute) =>
        double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
