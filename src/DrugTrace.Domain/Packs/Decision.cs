using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Packs;

/// <summary>The outcome of a handoff: the event to append, or why it is refused.</summary>
public abstract record Decision
{
    private Decision() { }

    /// <summary>The handoff is allowed: append an event of this type.</summary>
    public sealed record Accepted(EventType Type, string? From, string? To, string? Reason) : Decision;

    /// <summary>
    /// The handoff is refused. <paramref name="Finding"/> is set when the refusal is itself
    /// suspicious (an alert kind); otherwise it is a plain mistake such as receiving twice.
    /// </summary>
    public sealed record Refused(string Message, Finding? Finding = null) : Decision;
}
