using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class Gs1ErrorTests
{
    [Fact]
    public void An_error_shows_as_its_code_and_message() =>
        Assert.Equal("Malformed: Lot (10) has no value.", new Gs1Error(Gs1ErrorCode.Malformed, "Lot (10) has no value.", "10").ToString());
}
