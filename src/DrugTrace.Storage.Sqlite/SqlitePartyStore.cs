using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqlitePartyStore(SqliteDatabase db, TimeProvider clock) : IPartyStore
{
    public ValueTask<Party?> FindAsync(string gln, CancellationToken cancellationToken) =>
        ValueTask.FromResult(QueryOne("SELECT gln, name, role FROM parties WHERE gln = $v", gln));

    public ValueTask<Party?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(QueryOne("""
            SELECT p.gln, p.name, p.role FROM party_keys k JOIN parties p ON p.gln = k.party_gln
            WHERE k.key_hash = $v AND k.revoked_at IS NULL
            """, apiKeyHash));

    public ValueTask<IReadOnlyList<Party>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT gln, name, role FROM parties ORDER BY role, name";
        return ValueTask.FromResult<IReadOnlyList<Party>>(command.ReadAll(Map));
    }

    public async ValueTask AddAsync(Party party, string? apiKeyHash, IReadOnlyList<string> companyPrefixes, CancellationToken cancellationToken)
    {
        var created = Rows.Millis(clock.GetUtcNow());
        try
        {
            await db.Writer.WriteAsync(w =>
            {
                w.Command("INSERT INTO parties (gln, name, role, company_prefixes) VALUES ($gln, $name, $role, $prefixes)")
                    .Add("$gln", party.Gln).Add("$name", party.Name).Add("$role", party.Role.ToString())
                    .Add("$prefixes", string.Join(',', companyPrefixes))
                    .ExecuteNonQuery();
                if (apiKeyHash is not null)
                    InsertKey(w, party.Gln, IPartyStore.FirstKeyId, apiKeyHash, created);
                return true;
            }, cancellationToken);
        }
        catch (SqliteException ex) when (Rows.IsConstraint(ex))
        {
            throw new ConflictException($"A party with GLN {party.Gln} (or the same API key) is already registered.");
        }
    }

    public ValueTask<IReadOnlyList<string>> CompanyPrefixesAsync(string gln, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT company_prefixes FROM parties WHERE gln = $v";
        command.Parameters.AddWithValue("$v", gln);
        var text = command.ExecuteScalar() as string ?? "";
        return ValueTask.FromResult<IReadOnlyList<string>>(text.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    public async ValueTask AddKeyAsync(string gln, string keyId, string apiKeyHash, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        try
        {
            await db.Writer.WriteAsync(w => InsertKey(w, gln, keyId, apiKeyHash, Rows.Millis(createdAt)), cancellationToken);
        }
        catch (SqliteException ex) when (Rows.IsConstraint(ex))
        {
            throw new ConflictException($"Party {gln} is not registered, or already has a key with id {keyId}.");
        }
    }

    public async ValueTask<bool> RevokeKeyAsync(string gln, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("""
                UPDATE party_keys SET revoked_at = $at WHERE party_gln = $gln AND id = $id AND revoked_at IS NULL
                """)
            .Add("$at", Rows.Millis(revokedAt)).Add("$gln", gln).Add("$id", keyId)
            .ExecuteNonQuery() == 1, cancellationToken);

    public ValueTask<IReadOnlyList<PartyKey>> ListKeysAsync(string gln, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, created_at, revoked_at FROM party_keys WHERE party_gln = $v ORDER BY created_at, id";
        command.Parameters.AddWithValue("$v", gln);
        using var reader = command.ExecuteReader();
        var keys = new List<PartyKey>();
        while (reader.Read())
            keys.Add(new PartyKey(reader.GetString(0), Rows.Time(reader.GetInt64(1)), reader.IsDBNull(2) ? null : Rows.Time(reader.GetInt64(2))));
        return ValueTask.FromResult<IReadOnlyList<PartyKey>>(keys);
    }

    private static int InsertKey(SqliteWriter w, string gln, string id, string hash, long createdAt) =>
        w.Command("INSERT INTO party_keys (party_gln, id, key_hash, created_at) VALUES ($gln, $id, $hash, $at)")
            .Add("$gln", gln).Add("$id", id).Add("$hash", hash).Add("$at", createdAt)
            .ExecuteNonQuery();

    private Party? QueryOne(string sql, string value)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$v", value);
        return command.ReadFirst(Map);
    }

    private static Party Map(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), Enum.Parse<PartyRole>(r.GetString(2)));
}
