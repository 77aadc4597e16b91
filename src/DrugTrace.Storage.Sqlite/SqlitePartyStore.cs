using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Parties;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqlitePartyStore(SqliteDatabase db) : IPartyStore
{
    public ValueTask<Party?> FindAsync(string gln, CancellationToken cancellationToken) =>
        ValueTask.FromResult(QueryOne("SELECT gln, name, role FROM parties WHERE gln = $v", gln));

    public ValueTask<Party?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(QueryOne("SELECT gln, name, role FROM parties WHERE api_key_hash = $v", apiKeyHash));

    public ValueTask<IReadOnlyList<Party>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT gln, name, role FROM parties ORDER BY role, name";
        using var reader = command.ExecuteReader();
        var parties = new List<Party>();
        while (reader.Read()) parties.Add(Map(reader));
        return ValueTask.FromResult<IReadOnlyList<Party>>(parties);
    }

    public async ValueTask AddAsync(Party party, string? apiKeyHash, CancellationToken cancellationToken)
    {
        try
        {
            await db.Writer.WriteAsync(w => w.Command("INSERT INTO parties (gln, name, role, api_key_hash) VALUES ($gln, $name, $role, $key)")
                .Add("$gln", party.Gln).Add("$name", party.Name).Add("$role", party.Role.ToString()).Add("$key", apiKeyHash)
                .ExecuteNonQuery(), cancellationToken);
        }
        catch (SqliteException ex) when (Rows.IsConstraint(ex))
        {
            throw new ConflictException($"A party with GLN {party.Gln} (or the same API key) is already registered.");
        }
    }

    private Party? QueryOne(string sql, string value)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$v", value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Map(reader) : null;
    }

    private static Party Map(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), Enum.Parse<PartyRole>(r.GetString(2)));
}
