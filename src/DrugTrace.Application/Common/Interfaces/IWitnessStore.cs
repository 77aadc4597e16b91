using DrugTrace.Domain.Ledger;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>As a witness: the latest checkpoint cosigned for one log origin.</summary>
public sealed record WitnessedCheckpoint(string Origin, long Size, Hash256 Root, string Note, DateTimeOffset UpdatedAt);

/// <summary>The witness's memory, one checkpoint per log; the only thing a witness must keep.</summary>
public interface IWitnessStore
{
    ValueTask<WitnessedCheckpoint?> FindAsync(string origin, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<WitnessedCheckpoint>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Atomically replaces <paramref name="expected"/> (null: none stored yet) with <paramref name="next"/>;
    /// false if another request changed the record in between (the size and root no longer match).
    /// Checking and storing in one step is what keeps two racing requests from rolling the log back.
    /// </summary>
    ValueTask<bool> ReplaceAsync(WitnessedCheckpoint? expected, WitnessedCheckpoint next, CancellationToken cancellationToken);
}
