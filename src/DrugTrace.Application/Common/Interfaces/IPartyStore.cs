using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>Parties, their hashed API keys (several per party, for rotation) and their GS1 company prefixes.</summary>
public interface IPartyStore
{
    /// <summary>The id of the key a party is registered with.</summary>
    public const string FirstKeyId = "k1";

    ValueTask<Party?> FindAsync(string gln, CancellationToken cancellationToken);

    /// <summary>Finds the party whose unrevoked API key hashes to <paramref name="apiKeyHash"/>.</summary>
    ValueTask<Party?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<Party>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a party without company prefixes.</summary>
    ValueTask AddAsync(Party party, string? apiKeyHash, CancellationToken cancellationToken) =>
        AddAsync(party, apiKeyHash, [], cancellationToken);

    /// <summary>
    /// Adds a party with its first key (id <see cref="FirstKeyId"/>) and the GS1 company prefixes its GTINs
    /// must start with; throws <see cref="Exceptions.ConflictException"/> if its GLN or key is taken.
    /// </summary>
    ValueTask AddAsync(Party party, string? apiKeyHash, IReadOnlyList<string> companyPrefixes, CancellationToken cancellationToken);

    /// <summary>The GS1 company prefixes of a party (empty for none or an unknown party).</summary>
    ValueTask<IReadOnlyList<string>> CompanyPrefixesAsync(string gln, CancellationToken cancellationToken);

    /// <summary>Adds another key to a party; throws <see cref="Exceptions.ConflictException"/> if the id or hash is taken.</summary>
    ValueTask AddKeyAsync(string gln, string keyId, string apiKeyHash, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>Revokes one key at once; false when the party has no such unrevoked key.</summary>
    ValueTask<bool> RevokeKeyAsync(string gln, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>A party's keys (never the secrets), oldest first.</summary>
    ValueTask<IReadOnlyList<PartyKey>> ListKeysAsync(string gln, CancellationToken cancellationToken);
}
