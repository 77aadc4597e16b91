using DrugTrace.Application.Common.Exceptions;

namespace DrugTrace.Application.Tests.Common.Exceptions;

/// <summary>A 400's text: every error's message, joined by a space, as a delivery shows it.</summary>
public sealed class ValidationExceptionTests
{
    [Fact]
    public void The_message_joins_every_errors_text_with_a_space()
    {
        var ex = new ValidationException(new Dictionary<string, string[]>
        {
            ["gtin"] = ["The GTIN is empty."],
            ["serial"] = ["The serial is empty.", "The serial is too long."],
        });

        Assert.Equal("The GTIN is empty. The serial is empty. The serial is too long.", ex.Message);
        Assert.Equal(["gtin", "serial"], ex.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
