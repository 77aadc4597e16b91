using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Cases;

/// <summary>The outcome of a case operation: every event it makes, or why nothing at all happens.</summary>
public abstract record CaseDecision
{
    private CaseDecision() { }

    public sealed record Accepted(IReadOnlyList<CaseStep> Steps) : CaseDecision;

    /// <summary>
    /// Refused as a whole. <paramref name="Packs"/> names the packs that stopped it and why (the finding when
    /// a pack's refusal is itself suspicious, e.g. a recalled or stolen pack inside a shipped pallet).
    /// </summary>
    public sealed record Refused(string Message, IReadOnlyList<PackRefusal> Packs) : CaseDecision
    {
        public Refused(string message) : this(message, []) { }
    }
}

/// <summary>Why one pack stops a case operation.</summary>
public sealed record PackRefusal(PackState Pack, string Message, Finding? Finding);
