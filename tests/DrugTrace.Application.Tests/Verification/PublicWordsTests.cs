using DrugTrace.Application.Verification;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Tests.Verification;

/// <summary>The public check's words for every verdict: what a patient reads on the page.</summary>
public sealed class PublicWordsTests
{
    [Theory]
    [InlineData(PublicVerdict.NotConfirmed, "Not confirmed: do not use it", "We cannot confirm this pack. Do not use it; take it to a pharmacy.")]
    [InlineData(PublicVerdict.Stolen, "Do not use: reported stolen", "This pack was reported stolen. Do not use it; take it to a pharmacy.")]
    [InlineData(PublicVerdict.Illegitimate, "Do not use: confirmed illegitimate",
        "This pack was found not to be a legitimate product. Do not use it; take it to a pharmacy.")]
    [InlineData(PublicVerdict.UnderInvestigation, "Do not use: under investigation",
        "This pack is being investigated. Do not use it until your pharmacist says it is safe.")]
    [InlineData(PublicVerdict.Destroyed, "Do not use: reported destroyed",
        "This pack was reported destroyed, so it should not be in use. Do not use it; take it to a pharmacy.")]
    [InlineData(PublicVerdict.Recalled, "Recalled: return it to a pharmacy", "Its manufacturer recalled this lot. Do not use it; return it to a pharmacy.")]
    [InlineData(PublicVerdict.Expired, "Expired: do not use it", "This pack is past its expiry date. Do not use it; return it to a pharmacy.")]
    [InlineData(PublicVerdict.Genuine, "Genuine", "This pack is genuine: its code was issued by its manufacturer.")]
    public void Every_verdict_has_its_headline_and_message(PublicVerdict verdict, string headline, string message) =>
        Assert.Equal((headline, message), (PublicWords.Headline(verdict), PublicWords.Message(verdict)));

    [Fact]
    public void A_destroyed_pack_is_destroyed_even_in_a_recalled_lot()
    {
        Assert.Equal(PublicVerdict.Destroyed, PublicWords.VerdictOf(PackStatus.Destroyed, recalled: true, expired: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => PublicWords.Message((PublicVerdict)99));
    }
}
