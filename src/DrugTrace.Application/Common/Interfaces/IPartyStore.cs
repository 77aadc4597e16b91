using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>Parties and their hashed API keys.</summary>
public interface IPartyStore
{
    ValueTask<Party?> FindAsync(string gln, CancellationToken cancellationToken);

    /// <summary>Finds the party whose API key hashes to <paramref name="apiKeyHash"/>.</summary>
    ValueTask<Party?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<Party>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a party; throws <see cref="Exceptions.ConflictException"/> if its GLN or key is taken.</summary>
    ValueTask AddAsync(Party party, string? apiKeyHash, CancellationToken cancellationToken);
}
