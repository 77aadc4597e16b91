using Microsoft.Extensions.Options;
using SkiaSharp;
using ZXing;

namespace DrugTrace.Web.Scanning;

/// <summary>Limits of photo uploads (<c>Scanning:</c> in configuration).</summary>
public sealed class ScanningOptions
{
    public const string Section = "Scanning";

    /// <summary>Largest photo accepted, in bytes (default 10 MiB: a 12-megapixel phone JPEG is 3 to 6 MiB).</summary>
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest image accepted, in pixels (default 50 megapixels), so that a small file cannot unpack into gigabytes.</summary>
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>
    /// How long one photo may be searched for a code, in milliseconds (default 250, so that with
    /// decoding a 12-megapixel photo is answered in about 300 ms). A clean photo reads in a few
    /// milliseconds; the budget only limits how many variants of a poor one are tried.
    /// </summary>
    public int SearchBudgetMs { get; set; } = 250;
}

/// <summary>A code found in a photo: its text and symbology identifier (e.g. "]d2" for GS1 DataMatrix).</summary>
public sealed record PhotoCode(string Text, string SymbologyId, string Format)
{
    /// <summary>What a scanner would have sent: symbology identifier, then the data.</summary>
    public string AsScanned => SymbologyId + Text;
}

/// <summary>Why a photo gave no code: an HTTP status and a sentence for the person who sent it.</summary>
public sealed record PhotoProblem(int Status, string Message);

/// <summary>
/// Finds the pack code in a photo or screenshot: sniffs JPEG/PNG, decodes it with SkiaSharp
/// (scaled down first: a phone photo has far more pixels than a DataMatrix needs, and JPEG
/// decodes at 1/2, 1/4, 1/8 almost for free), and searches it with <see cref="CodeFinder"/>
/// (candidate patches, upright, binarizers, scales, inversion) within
/// <see cref="ScanningOptions.SearchBudgetMs"/>. A larger decode is tried only when the scaled
/// image shows no code and time is left.
/// </summary>
public sealed class PhotoReader(IOptions<ScanningOptions> options)
{
    /// <summary>Longest side of the first, scaled attempt.</summary>
    public const int FirstPassSide = 1600;

    /// <summary>Longest side of the second attempt: enough for a code that is small in a 12-megapixel photo.</summary>
    public const int SecondPassSide = 3000;

    public ScanningOptions Limits => options.Value;

    public static string TooLarge(long max) =>
        $"The photo is too large: at most {max / (1024 * 1024)} MiB. Take the photo closer to the code, or send a smaller (JPEG) version.";

    public (PhotoCode? Code, PhotoProblem? Problem) Read(ReadOnlySpan<byte> bytes)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (bytes.Length == 0) return (null, new PhotoProblem(400, "The file is empty: send a JPEG or PNG photo of the pack's code."));
        if (bytes.Length > Limits.MaxImageBytes) return (null, new PhotoProblem(413, TooLarge(Limits.MaxImageBytes)));
        var kind = Sniff(bytes);
        if (kind is not ("JPEG" or "PNG"))
            return (null, kind is null
                ? new PhotoProblem(400, "This file is not an image. Send a JPEG or PNG photo (or screenshot) of the pack's code.")
                : new PhotoProblem(415, $"{kind} images are not supported. Send a JPEG or PNG photo (or screenshot) of the pack's code."));

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
            return (null, new PhotoProblem(400, $"This {kind} file is damaged or incomplete and cannot be read as an image."));
        if ((long)codec.Info.Width * codec.Info.Height > Limits.MaxImagePixels)
            return (null, new PhotoProblem(413, $"The image is too large: {codec.Info.Width} x {codec.Info.Height} pixels, at most {Limits.MaxImagePixels / 1_000_000} megapixels."));

        var longest = Math.Max(codec.Info.Width, codec.Info.Height);
        var finder = new CodeFinder(TimeSpan.FromMilliseconds(Limits.SearchBudgetMs), started);
        try
        {
            if (longest > FirstPassSide * 1.25)
                finder.Search(Gray(codec, FirstPassSide));
            if (finder.Found.Count == 0 && !finder.OutOfTime)
                finder.Search(Gray(codec, Math.Min(longest, SecondPassSide)));
        }
        catch (InvalidDataException e)
        {
            return (null, new PhotoProblem(400, e.Message));
        }

        IReadOnlyList<PhotoCode> found = [.. finder.Found.Select(r => new PhotoCode(r.Text, SymbologyOf(r), Name(r.BarcodeFormat)))];
        return found.Count switch
        {
            0 => (null, new PhotoProblem(422, "No code found in the photo. Hold the camera 10-20 cm from the pack's DataMatrix, in focus and well lit, and try again, or type the code.")),
            1 => (found[0], null),
            _ => (null, new PhotoProblem(422, $"The photo shows {found.Count} codes ({string.Join(", ", found.Select(f => f.Format))}). Photograph one pack's code at a time, or cover the others.")),
        };
    }

    /// <summary>The image with its longest side about <paramref name="side"/> pixels, in grey.</summary>
    private static GrayImage Gray(SKCodec codec, int side)
    {
        using var bitmap = DecodeScaled(codec, side);
        return new GrayImage(ToGray(bitmap), bitmap.Width, bitmap.Height);
    }

    private static byte[] ToGray(SKBitmap bitmap)
    {
        var bgra = bitmap.GetPixelSpan();
        var gray = new byte[bitmap.Width * bitmap.Height];
        for (int i = 0, p = 0; i < gray.Length; i++, p += 4)
            gray[i] = (byte)((bgra[p] + 2 * bgra[p + 1] + bgra[p + 2]) >> 2);
        return gray;
    }

    private static SKBitmap DecodeScaled(SKCodec codec, int side)
    {
        var info = codec.Info;
        var longest = Math.Max(info.Width, info.Height);
        var scale = Math.Min(1f, side / (float)longest);
        // JPEG decodes natively at 1/2, 1/4, 1/8: take the smallest that is still at least the wanted size.
        var decodeSize = codec.GetScaledDimensions(scale);
        if (Math.Max(decodeSize.Width, decodeSize.Height) < side * 0.9 && scale < 1) decodeSize = info.Size;
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        var decoded = new SKBitmap(decodeInfo);
        var status = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (status is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            decoded.Dispose();
            throw new InvalidDataException($"The image could not be decoded ({status}); it may be damaged.");
        }
        var target = new SKSizeI((int)Math.Round(info.Width * scale), (int)Math.Round(info.Height * scale));
        // Close enough (JPEG's 3/8 of 4000 is 1500 for a wanted 1600): resizing would only cost time.
        if (decoded.Width <= target.Width * 1.25 && decoded.Width >= target.Width * 0.85) return decoded;
        var resized = decoded.Resize(new SKImageInfo(target.Width, target.Height, SKColorType.Bgra8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        decoded.Dispose();
        return resized;
    }

    private static string SymbologyOf(Result result)
    {
        if (result.ResultMetadata is { } m && m.TryGetValue(ResultMetadataType.SYMBOLOGY_IDENTIFIER, out var id) && id is string s && s.Length == 3) return s;
        return result.BarcodeFormat == BarcodeFormat.QR_CODE ? "]Q1" : "]d1";
    }

    private static string Name(BarcodeFormat format) => format switch
    {
        BarcodeFormat.DATA_MATRIX => "DataMatrix",
        BarcodeFormat.QR_CODE => "QR code",
        _ => format.ToString(),
    };

    /// <summary>What the first bytes say the file is: "JPEG", "PNG", another image format's name, or null for not an image.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "JPEG";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return "PNG";
        if (b.StartsWith("GIF8"u8)) return "GIF";
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return "WebP";
        if (b.StartsWith("BM"u8) && b.Length > 14) return "BMP";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x49, 0x49, 0x2A, 0x00]) || b.StartsWith((ReadOnlySpan<byte>)[0x4D, 0x4D, 0x00, 0x2A])) return "TIFF";
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
            return b[8..12].SequenceEqual("avif"u8) ? "AVIF" : "HEIC";
        if (b.StartsWith("<svg"u8) || b.StartsWith("<?xml"u8)) return "SVG";
        return null;
    }
}
