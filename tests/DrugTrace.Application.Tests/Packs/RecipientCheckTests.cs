using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

public class RecipientCheckTests
{
    private readonly RecipientCheck _check = new(new PartyDirectory(new TestWorld().Parties));

    [Theory]
    [InlineData(null, "Say who the pack is shipped to")]
    [InlineData("4012345000017", "Say who the pack is shipped to")]
    [InlineData(UnknownGln, "No party with GLN 4999999999999 is registered.")]
    public async Task A_recipient_must_be_a_registered_party(string? to, string words)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(async () => await _check.CheckAsync(to, default));
        Assert.Contains(words, e.Errors["to"][0]);
    }

    [Fact]
    public async Task A_party_that_may_not_receive_is_refused_by_name()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(async () => await _check.CheckAsync(OtherMaker.Gln, default));
        Assert.Equal("Other Pharma is a manufacturer and cannot receive packs.", e.Errors["to"][0]);
    }

    [Fact]
    public async Task Wholesalers_and_pharmacies_may_receive()
    {
        await _check.CheckAsync(Wholesaler.Gln, default);
        await _check.CheckAsync(Pharmacy.Gln, default);
    }
}
