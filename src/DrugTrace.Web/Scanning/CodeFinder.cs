using System.Diagnostics;
using ZXing;
using ZXing.Common;
using ZXing.Datamatrix;
using ZXing.QrCode;

namespace DrugTrace.Web.Scanning;

/// <summary>
/// Reads every DataMatrix and QR code in a grey picture the way a patient person would: look
/// where the picture is dense with edges (<see cref="CodeLocator"/>), turn each such patch
/// upright (<see cref="Orientation"/>), give it a quiet zone and full contrast, then try the
/// decoders with the hybrid and the global-histogram binarizer; only if nothing is read, try the
/// harder variants (smoothed, half and double size, inverted, turned the other way, the whole
/// picture) until one reads or the time budget is spent. Cheap first, so a clean photo costs
/// a few milliseconds and only poor ones use the budget (counted from <c>startedAt</c>, a
/// <see cref="Stopwatch"/> timestamp, so that decoding the photo counts too).
/// </summary>
public sealed class CodeFinder(TimeSpan budget, long startedAt)
{
    private static readonly IDictionary<DecodeHintType, object> Hints = new Dictionary<DecodeHintType, object>
    {
        [DecodeHintType.TRY_HARDER] = true,
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.DATA_MATRIX, BarcodeFormat.QR_CODE },
    };

    private readonly long deadline = startedAt + (long)(budget.TotalSeconds * Stopwatch.Frequency);
    private readonly List<Result> found = [];

    /// <summary>Attempts made (for the benchmark's notes and for tests of the strategy).</summary>
    public int Attempts { get; private set; }

    /// <summary>
    /// Whether the budget is spent. The first few attempts always run, so that a clean photo is
    /// read however busy the server is; the budget only cuts the search through poor ones short.
    /// </summary>
    public bool OutOfTime => Attempts >= MinimumAttempts && Stopwatch.GetTimestamp() > deadline;

    private const int MinimumAttempts = 4;

    public IReadOnlyList<Result> Found => found;

    /// <summary>Looks for codes in <paramref name="image"/>; returns true when at least one has been found so far.</summary>
    public bool Search(GrayImage image)
    {
        var patches = new List<Candidate>();

        // 1. Every candidate once, cheaply: so that two codes in one photo are both seen.
        foreach (var (x, y, w, h) in CodeLocator.Candidates(image.Pixels, image.Width, image.Height))
        {
            if (OutOfTime) break;
            var patch = Patch(image, x, y, w, h);
            patches.Add(patch);
            var before = found.Count;
            foreach (var part in patch.Parts)
            {
                if (OutOfTime) break;
                TryAll(part, Binarization.Hybrid);
            }
            if (found.Count == before && !OutOfTime) TryAll(patch.Upright, Binarization.Hybrid);
        }
        if (found.Count > 0) return true;

        // 2. Harder and harder variants, each tried on the likeliest candidates before the next, until one reads.
        for (var level = 1; level <= Levels; level++)
            foreach (var patch in patches.Take(6))
                foreach (var (variant, binarization) in Variants(level, patch))
                {
                    if (OutOfTime || found.Count > 0) return found.Count > 0;
                    TryAll(variant, binarization);
                }

        // 3. The whole picture (the locator can miss a very blurred or very small code), upright and as it is.
        if (OutOfTime) return false;
        var whole = Patch(image, 0, 0, image.Width, image.Height);
        foreach (var variant in new[] { (whole.Upright, Binarization.Hybrid), (whole.Plain, Binarization.Hybrid), (whole.Upright, Binarization.GlobalHistogram) })
        {
            if (OutOfTime || found.Count > 0) break;
            TryAll(variant.Item1, variant.Item2);
        }
        return found.Count > 0;
    }

    /// <summary>Longest side a patch is worked on at.</summary>
    private const int MaxPatchSide = 640;

    private enum Binarization { Hybrid, GlobalHistogram }

    /// <summary>
    /// A candidate patch: as cropped (contrast stretched, with a quiet zone), turned upright, and
    /// the code-like parts of the upright patch. A turned label's patch takes in its text and
    /// background too; upright, the code itself is a tight square the locator picks out, and
    /// ZXing's detector, which searches outward from the middle, needs the code in the middle.
    /// </summary>
    private sealed record Candidate(GrayImage Plain, GrayImage Upright, double Angle, IReadOnlyList<GrayImage> Parts);

    private static Candidate Patch(GrayImage image, int x, int y, int w, int h)
    {
        var crop = w == image.Width && h == image.Height ? image : image.Crop(x, y, w, h);
        // A big patch has big modules: averaged down it reads as well and costs far less to turn.
        if (Math.Max(crop.Width, crop.Height) > MaxPatchSide) crop = crop.Scale(MaxPatchSide / (double)Math.Max(crop.Width, crop.Height));
        crop = crop.Stretch();
        var light = (byte)crop.Levels(0.05).High;
        var plain = crop.Pad(Math.Max(8, Math.Min(crop.Width, crop.Height) / 10), light);
        var (angle, _) = Orientation.Of(crop);
        // Within a few degrees of upright the decoders cope; turning would only soften the modules.
        var upright = angle is < 3 or > 87 ? crop : crop.Rotate(angle, light);
        var parts = CodeLocator.Candidates(upright.Pixels, upright.Width, upright.Height)
            .Where(c => c.Width < upright.Width * 0.8 || c.Height < upright.Height * 0.8)
            .Take(3)
            .Select(c => Upright(upright.Crop(c.X, c.Y, c.Width, c.Height), light))
            .ToList();
        return new Candidate(plain, ReferenceEquals(upright, crop) ? plain : upright.Pad(8, light), angle, parts);
    }

    /// <summary>
    /// A crop closing in on a code: turned by what is left of its angle (the first estimate also
    /// saw the label's surroundings), then cut down to its densest patch, a few times over until
    /// it is upright and tight; padded with a quiet zone.
    /// </summary>
    private static GrayImage Upright(GrayImage part, byte light)
    {
        for (var round = 0; round < 3; round++)
        {
            var (angle, _) = Orientation.Of(part);
            var turned = angle is > 3 and < 87;
            if (turned) part = part.Rotate(angle > 45 ? angle - 90 : angle, light);
            var candidates = CodeLocator.Candidates(part.Pixels, part.Width, part.Height);
            var tighter = candidates.Count > 0 ? candidates[0] : default;
            var shrinks = candidates.Count > 0 && (tighter.Width < part.Width * 0.85 || tighter.Height < part.Height * 0.85);
            if (shrinks) part = part.Crop(tighter.X, tighter.Y, tighter.Width, tighter.Height);
            if (!turned && !shrinks) break;
        }
        return part.Pad(Math.Max(8, Math.Min(part.Width, part.Height) / 8), light);
    }

    private const int Levels = 4;

    private static IEnumerable<(GrayImage Image, Binarization Binarization)> Variants(int level, Candidate c)
    {
        var pieces = c.Parts.Take(2).Append(c.Upright);
        var light = (byte)c.Plain.Levels(0.05).High;
        switch (level)
        {
            case 1:
                foreach (var piece in pieces) yield return (piece, Binarization.GlobalHistogram);
                break;
            case 2:
                // The angle estimate may be off (a label's surroundings pull it): turn the patch in
                // 15-degree steps, each within the detector's tolerance of one of them.
                foreach (var step in new[] { 0, 15, 30, 45, 60, 75 })
                {
                    var degrees = step - c.Angle;
                    if (Math.Abs(degrees) < 5 || Math.Abs(degrees) > 85) continue;
                    yield return (Upright(c.Plain.Rotate(step, light), light), Binarization.Hybrid);
                }
                break;
            case 3:
                foreach (var piece in pieces)
                {
                    var side = Math.Max(piece.Width, piece.Height);
                    // Big noisy or blocky modules read better averaged down; tiny ones better enlarged.
                    if (side > 160) yield return (piece.Scale(0.5), Binarization.Hybrid);
                    var smooth = piece.Smooth();
                    yield return (smooth, Binarization.Hybrid);
                    yield return (smooth, Binarization.GlobalHistogram);
                    if (side < 400) yield return (piece.Scale(2), Binarization.Hybrid);
                }
                break;
            default:
                foreach (var piece in pieces)
                {
                    yield return (piece.Invert(), Binarization.Hybrid);
                    yield return (piece.Invert(), Binarization.GlobalHistogram);
                }
                break;
        }
    }

    private void TryAll(GrayImage image, Binarization binarization)
    {
        var source = new RGBLuminanceSource(image.Pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        Binarizer binarizer = binarization == Binarization.Hybrid ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source);
        var bitmap = new BinaryBitmap(binarizer);
        Attempts++;
        Add(Decode(new DataMatrixReader(), bitmap));
        Add(Decode(new QRCodeReader(), bitmap));
    }

    private static Result? Decode(Reader reader, BinaryBitmap bitmap)
    {
        try
        {
            return reader.decode(bitmap, Hints);
        }
        catch (ReaderException)
        {
            // ZXing's way of saying "not here"; the next variant is tried.
            return null;
        }
    }

    private void Add(Result? result)
    {
        if (result is not null && !found.Any(f => f.Text == result.Text && f.BarcodeFormat == result.BarcodeFormat))
            found.Add(result);
    }
}
