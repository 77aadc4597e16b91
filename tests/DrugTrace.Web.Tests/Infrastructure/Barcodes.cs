using System.Text.RegularExpressions;
using ZXing;
using ZXing.Common;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>Reads codes back: rasterises the symbols of an SVG the app drew and decodes them with ZXing.Net.</summary>
public static partial class Barcodes
{
    /// <summary>Every symbol in <paramref name="svgOrHtml"/> as grey pixels, <paramref name="scale"/> pixels per module.</summary>
    public static IReadOnlyList<(byte[] Pixels, int Width, int Height)> Rasterize(string svgOrHtml, int scale = 4)
    {
        var symbols = new List<(byte[], int, int)>();
        foreach (Match symbol in Symbol().Matches(svgOrHtml))
        {
            var w = int.Parse(symbol.Groups["w"].Value) * scale;
            var h = int.Parse(symbol.Groups["h"].Value) * scale;
            var pixels = new byte[w * h];
            Array.Fill(pixels, (byte)255);
            foreach (Match run in Run().Matches(symbol.Groups["d"].Value))
            {
                var x = int.Parse(run.Groups[1].Value) * scale;
                var y = int.Parse(run.Groups[2].Value) * scale;
                var len = int.Parse(run.Groups[3].Value) * scale;
                for (var dy = 0; dy < scale; dy++) Array.Fill(pixels, (byte)0, (y + dy) * w + x, len);
            }
            symbols.Add((pixels, w, h));
        }
        return symbols;
    }

    /// <summary>Decodes one symbol: (text, symbology identifier such as "]d2"), or null.</summary>
    public static (string Text, string? SymbologyId, BarcodeFormat Format)? Decode(byte[] gray, int width, int height)
    {
        var reader = new BarcodeReaderGeneric
        {
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.DATA_MATRIX, BarcodeFormat.QR_CODE], TryHarder = true },
        };
        var result = reader.Decode(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8));
        if (result is null) return null;
        var id = result.ResultMetadata is { } m && m.TryGetValue(ResultMetadataType.SYMBOLOGY_IDENTIFIER, out var s) ? s as string : null;
        return (result.Text, id, result.BarcodeFormat);
    }

    [GeneratedRegex("<svg[^>]*class=\"symbol\"[^>]*viewBox=\"0 0 (?<w>\\d+) (?<h>\\d+)\"><rect[^>]*/><path fill=\"#000\" d=\"(?<d>[^\"]*)\"/></svg>")]
    private static partial Regex Symbol();

    [GeneratedRegex("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z")]
    private static partial Regex Run();
}
