namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// The text the public sees about a lot's recall, kept apart from the internal reason (which is in
/// the hashed lot event and may name suppliers or test results). Not part of the ledger: it is a
/// notice, and the brand owner may word it for patients.
/// </summary>
public interface IRecallNotices
{
    /// <summary>Sets (or, with null, removes) the public text of a registered lot.</summary>
    ValueTask SetAsync(string gtin, string lot, string? publicText, CancellationToken cancellationToken);

    ValueTask<string?> FindAsync(string gtin, string lot, CancellationToken cancellationToken);
}
