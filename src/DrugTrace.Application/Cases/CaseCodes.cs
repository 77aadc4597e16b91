using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Gs1;

namespace DrugTrace.Application.Cases;

/// <summary>
/// Tells an SSCC (AI 00, in any form the GS1 parser reads: element string, bracketed, a Digital Link
/// <c>/00/...</c>, a GS1-128 scan) from a pack code. A code with a wrong SSCC check digit is the
/// caller's mistake (400), never read as a pack.
/// </summary>
public static class CaseCodes
{
    /// <summary>True when the code carries AI 00; then <paramref name="sscc"/> is it.</summary>
    public static bool TryRead(string? code, DateOnly today, out Sscc sscc)
    {
        sscc = default;
        if (string.IsNullOrWhiteSpace(code)) return false;
        var parsed = Gs1Parser.Parse(code, today);
        if (parsed.IsSuccess)
        {
            if (!parsed.Value.TryGet("00", out var value)) return false;
            sscc = Read("code", value);
            return true;
        }
        // The parser checks AI 00's check digit: say what is wrong with the SSCC rather than "not a pack".
        if (parsed.Error.Ai == "00") throw new ValidationException("code", parsed.Error.Message);
        return false;
    }

    /// <summary>An SSCC given on its own (a path or field): 18 digits with a valid check digit, or a 400 naming <paramref name="field"/>.</summary>
    public static Sscc Read(string field, string? text) =>
        Sscc.TryParse(text, out var sscc, out var error) ? sscc : throw new ValidationException(field, error);
}
