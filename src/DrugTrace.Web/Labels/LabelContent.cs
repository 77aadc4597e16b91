using System.Globalization;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Gs1;

namespace DrugTrace.Web.Labels;

/// <summary>What a pack's label says: the encoded data and the human-readable lines beside the code.</summary>
public static class LabelContent
{
    /// <summary>FNC1 in first position, as ZXing.Net encodes it when the data starts with GS.</summary>
    public const char Fnc1 = '\u001d';

    /// <summary>
    /// <c>&lt;FNC1&gt;01{gtin}17{yymmdd}10{lot}&lt;GS&gt;21{serial}</c>: fixed-length AIs first, the
    /// variable-length lot closed by GS, the serial last (no separator needed).
    /// </summary>
    public static string ElementString(string gtin, string serial, string lot, DateOnly expiry) =>
        $"{Fnc1}01{gtin}17{Yymmdd(expiry)}10{lot}{Fnc1}21{serial}";

    public static string ElementString(PackView pack) => ElementString(pack.Gtin, pack.Serial, pack.Lot, pack.Expiry);

    /// <summary>The pack's GS1 Digital Link: <c>{base}/01/{gtin}/10/{lot}/21/{serial}?17={yymmdd}</c>.</summary>
    public static string DigitalLink(string baseUri, PackView pack) =>
        $"{baseUri.TrimEnd('/')}/01/{pack.Gtin}/10/{DigitalLinkValue.Escape(pack.Lot)}/21/{DigitalLinkValue.Escape(pack.Serial)}?17={Yymmdd(pack.Expiry)}";

    public static string Encoded(LabelCode code, PackView pack, string digitalLinkBase) => code switch
    {
        LabelCode.DataMatrix => ElementString(pack),
        _ => DigitalLink(digitalLinkBase, pack),
    };

    /// <summary>
    /// The human-readable text printed beside the code: product code, serial, lot and expiry
    /// (EU Delegated Regulation 2016/161 art. 7 "PC"/"SN"; DSCSA's GTIN, SN, LOT, EXP).
    /// </summary>
    public static IReadOnlyList<(string Label, string Value)> HumanReadable(PackView pack) =>
    [
        ("GTIN", pack.Gtin),
        ("SN", pack.Serial),
        ("LOT", pack.Lot),
        ("EXP", pack.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ];

    public static string Yymmdd(DateOnly date) => date.ToString("yyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>?code=</c>: datamatrix (default), digital-link-qr or digital-link-datamatrix.</summary>
    public static LabelCode? ParseCode(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "datamatrix" or "gs1-datamatrix" => LabelCode.DataMatrix,
        "digital-link-qr" or "qr" or "digital-link" => LabelCode.DigitalLinkQr,
        "digital-link-datamatrix" => LabelCode.DigitalLinkDataMatrix,
        _ => null,
    };

    public const string CodeChoices = "datamatrix, digital-link-qr, digital-link-datamatrix";
}
