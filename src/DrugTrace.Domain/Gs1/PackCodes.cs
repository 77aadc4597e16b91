using System.Globalization;

namespace DrugTrace.Domain.Gs1;

/// <summary>Writes a pack's code back out, in a form every scan path reads.</summary>
public static class PackCodes
{
    /// <summary>(01)GTIN(17)YYMMDD(10)LOT(21)SERIAL: what a label prints under the DataMatrix.</summary>
    public static string HumanReadable(string gtin, DateOnly expiry, string lot, string serial) =>
        $"(01){gtin}(17){expiry.ToString("yyMMdd", CultureInfo.InvariantCulture)}(10){lot}(21){serial}";
}
