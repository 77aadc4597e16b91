using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Idempotency;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Verification;

namespace DrugTrace.Application.Tests.Common.Idempotency;

public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("  a1+/=_.:~  ", "a1+/=_.:~")]
    public void A_key_is_read_without_its_quotes_and_spaces(string header, string key) =>
        Assert.Equal(key, IdempotencyKey.FromHeader(header)!.Value.Value);

    [Fact]
    public void No_header_is_no_key() => Assert.Null(IdempotencyKey.FromHeader(null));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\"\"", "empty")]
    [InlineData("a,b", "more than once")]
    [InlineData("a b", "' '")]
    [InlineData("a\u0000b", "U+0000")]
    [InlineData("caf\u00e9", "U+00E9")]
    [InlineData("!abc", "'!'")]
    [InlineData(",a", "more than once")]
    public void A_malformed_key_is_a_400_naming_the_header_and_the_problem(string header, string problem)
    {
        var error = Assert.Throws<ValidationException>(() => IdempotencyKey.FromHeader(header));
        var message = Assert.Single(error.Errors[IdempotencyKey.Header]);
        Assert.Contains(problem, message);
    }

    [Fact]
    public void A_key_of_255_characters_is_taken_and_of_256_refused()
    {
        Assert.NotNull(IdempotencyKey.FromHeader(new string('k', 255)));
        var error = Assert.Throws<ValidationException>(() => IdempotencyKey.FromHeader(new string('k', 256)));
        Assert.Contains("256 characters", error.Message);
    }

    [Fact]
    public void The_fingerprint_tells_requests_apart_by_use_case_and_every_field()
    {
        var lot = new RegisterLot("4012345000016", "04012345000115", "L1", "2030-06-30", 3);
        Assert.Equal(RequestFingerprint.Of(lot), RequestFingerprint.Of(lot with { }));
        Assert.NotEqual(RequestFingerprint.Of(lot), RequestFingerprint.Of(lot with { Quantity = 4 }));
        Assert.NotEqual(RequestFingerprint.Of(lot), RequestFingerprint.Of(lot with { ActorGln = "5012345000015" }));
        // The same code verified or received is another request.
        Assert.NotEqual(RequestFingerprint.Of(new VerifyPack("4012347000014", "CODE")), RequestFingerprint.Of(new ReceivePack("4012347000014", "CODE")));
        Assert.Matches("^[0-9a-f]{64}$", RequestFingerprint.Of(lot));
    }
}
