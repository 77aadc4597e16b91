namespace DrugTrace.Application.Common.Interfaces;

/// <summary>One of a party's API keys, as listed: its id and dates, never the key or its hash.</summary>
public sealed record PartyKey(string Id, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;
}
