using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>Parses a scanned text on the parser tests' fixed day and asserts the outcome, with the other outcome in the message.</summary>
internal static class ParseAssert
{
    public static Gs1Error Fails(string input)
    {
        var result = Gs1Parser.Parse(input, Gs1ParserTests.Today);
        Assert.False(result.IsSuccess, $"Expected a failure, got {result.Value}");
        return result.Error;
    }

    public static ScannedCode Reads(string input)
    {
        var result = Gs1Parser.Parse(input, Gs1ParserTests.Today);
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : result.Error.Message);
        return result.Value;
    }
}
