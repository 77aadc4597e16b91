using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Domain.Gs1;

namespace DrugTrace.Application.Packs;

/// <summary>Reads a scanned or typed pack code; an empty or unreadable one is the caller's mistake (400).</summary>
public static class ScanCodeReader
{
    /// <summary>The code parsed as of <paramref name="today"/>; a failure is left to the caller, who may still triage it.</summary>
    public static PackParseResult Parse(string? code, DateOnly today)
    {
        RequireCode(code);
        return Gs1Parser.ParsePack(code, today);
    }

    /// <summary>The pack the code names, or a <see cref="ValidationException"/> saying what is wrong with it.</summary>
    public static PackIdentity Read(string? code, DateTimeOffset now)
    {
        var parsed = Parse(code, DateOnly.FromDateTime(now.UtcDateTime));
        return parsed.IsSuccess
            ? parsed.Value!
            : throw new ValidationException("code", parsed.Error!.Message);
    }

    private static void RequireCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
            throw new ValidationException("code", "The code is empty: scan the pack's DataMatrix or type its code.");
    }
}
