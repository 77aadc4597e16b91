using DrugTrace.Domain.Alerts;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// Filters for listing alerts. <see cref="VisibleTo"/> limits the result to what one party may
/// see (null: everything, for regulators): alerts it raised, alerts on its own brands and custody
/// exceptions on packs it holds.
/// </summary>
public sealed record AlertQuery
{
    public string? VisibleTo { get; init; }
    public AlertStatus? Status { get; init; }
    public AlertKind? Kind { get; init; }
    public Severity? MinSeverity { get; init; }
    /// <summary>Exactly this severity.</summary>
    public Severity? Severity { get; init; }
    public string? Gtin { get; init; }
    /// <summary>Alerts raised by this party.</summary>
    public string? Party { get; init; }
    /// <summary>Only alerts with a larger id: what a listener missed since the last one it saw.</summary>
    public long? AfterId { get; init; }
    public bool IncludeScanningErrors { get; init; } = true;
    /// <summary>Custody exceptions: null, with the other alerts; false, left out (the counterfeit feed); true, only them (the exceptions view).</summary>
    public bool? CustodyExceptions { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}
