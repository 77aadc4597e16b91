using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Application.Tests.Alerts;

public class AlertFilterWordsTests
{
    [Fact]
    public void No_words_are_no_filters()
    {
        Assert.Equal(new AlertFilterWords(null, null, null), AlertFilterWords.Parse(null, null, null));
    }

    [Theory]
    [InlineData("open", "UnknownSerial", "critical", AlertStatus.Open, AlertKind.UnknownSerial, Severity.Critical)]
    [InlineData(" Investigating ", "custodymismatch", "HIGH", AlertStatus.Investigating, AlertKind.CustodyMismatch, Severity.High)]
    [InlineData("closed", "CustodyException", "low", AlertStatus.Closed, AlertKind.CustodyException, Severity.Low)]
    public void Words_are_read_whatever_their_case_and_blanks(string status, string kind, string severity,
        AlertStatus expectedStatus, AlertKind expectedKind, Severity expectedSeverity)
    {
        Assert.Equal(new AlertFilterWords(expectedStatus, expectedKind, expectedSeverity), AlertFilterWords.Parse(status, kind, severity));
    }

    [Theory]
    [InlineData("status", "pending", "'pending' is not an alert status; use open, investigating or closed.")]
    [InlineData("status", "1", "'1' is not an alert status; use open, investigating or closed.")]
    [InlineData("kind", "3", "'3' is not an alert kind; use one of: ")]
    [InlineData("kind", "Counterfeit", "'Counterfeit' is not an alert kind; use one of: UnknownProduct, ")]
    [InlineData("severity", "urgent", "'urgent' is not a severity; use critical, high, medium or low.")]
    [InlineData("severity", "2", "'2' is not a severity; use critical, high, medium or low.")]
    public void A_word_that_is_none_is_refused_naming_its_field(string field, string word, string message)
    {
        var error = Assert.Throws<ValidationException>(() => field switch
        {
            "status" => AlertFilterWords.Parse(word, null, null),
            "kind" => AlertFilterWords.Parse(null, word, null),
            _ => AlertFilterWords.Parse(null, null, word),
        });

        var (key, messages) = Assert.Single(error.Errors);
        Assert.Equal(field, key);
        Assert.StartsWith(message, Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_word_is_named_at_once()
    {
        var error = Assert.Throws<ValidationException>(() => AlertFilterWords.Parse("1", "0", "urgent"));

        Assert.Equal(["status", "kind", "severity"], error.Errors.Keys);
    }
}
