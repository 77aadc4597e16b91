using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Verification;

/// <summary>
/// The public check's words: a headline that says what to do, and one sentence. "Genuine" is said
/// only of a pack that is fine; a genuine but unusable pack is headed by what is wrong with it.
/// </summary>
public static class PublicWords
{
    public static PublicVerdict VerdictOf(PackStatus status, bool recalled, bool expired) => status switch
    {
        PackStatus.Stolen => PublicVerdict.Stolen,
        PackStatus.Illegitimate => PublicVerdict.Illegitimate,
        PackStatus.Quarantined => PublicVerdict.UnderInvestigation,
        PackStatus.Destroyed => PublicVerdict.Destroyed,
        _ when recalled => PublicVerdict.Recalled,
        _ when expired => PublicVerdict.Expired,
        _ => PublicVerdict.Genuine,
    };

    public static string Headline(PublicVerdict verdict) => verdict switch
    {
        PublicVerdict.NotConfirmed => "Not confirmed: do not use it",
        PublicVerdict.Stolen => "Do not use: reported stolen",
        PublicVerdict.Illegitimate => "Do not use: confirmed illegitimate",
        PublicVerdict.UnderInvestigation => "Do not use: under investigation",
        PublicVerdict.Destroyed => "Do not use: reported destroyed",
        PublicVerdict.Recalled => "Recalled: return it to a pharmacy",
        PublicVerdict.Expired => "Expired: do not use it",
        PublicVerdict.Genuine => "Genuine",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string Message(PublicVerdict verdict) => verdict switch
    {
        PublicVerdict.NotConfirmed => "We cannot confirm this pack. Do not use it; take it to a pharmacy.",
        PublicVerdict.Stolen => "This pack was reported stolen. Do not use it; take it to a pharmacy.",
        PublicVerdict.Illegitimate => "This pack was found not to be a legitimate product. Do not use it; take it to a pharmacy.",
        PublicVerdict.UnderInvestigation => "This pack is being investigated. Do not use it until your pharmacist says it is safe.",
        PublicVerdict.Destroyed => "This pack was reported destroyed, so it should not be in use. Do not use it; take it to a pharmacy.",
        PublicVerdict.Recalled => "Its manufacturer recalled this lot. Do not use it; return it to a pharmacy.",
        PublicVerdict.Expired => "This pack is past its expiry date. Do not use it; return it to a pharmacy.",
        PublicVerdict.Genuine => "This pack is genuine: its code was issued by its manufacturer.",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
