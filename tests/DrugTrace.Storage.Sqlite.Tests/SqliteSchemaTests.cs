using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The schema's migrations against the database's user_version.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteSchemaTests() => _connection.Open();

    [Fact]
    public void A_database_of_a_newer_schema_is_refused_and_left_as_it_is()
    {
        Exec($"PRAGMA user_version = {SqliteSchema.Version + 1}");

        var ex = Assert.Throws<InvalidOperationException>(() => SqliteSchema.Migrate(_connection));

        Assert.Contains($"schema version {SqliteSchema.Version + 1}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM sqlite_master"));
        Assert.Equal((long)SqliteSchema.Version + 1, Scalar("PRAGMA user_version"));
    }

    [Fact]
    public void An_empty_database_is_brought_to_the_current_version_and_a_second_migrate_does_nothing()
    {
        SqliteSchema.Migrate(_connection);
        Assert.Equal((long)SqliteSchema.Version, Scalar("PRAGMA user_version"));
        SqliteSchema.Migrate(_connection);
        Assert.Equal((long)SqliteSchema.Version, Scalar("PRAGMA user_version"));
    }

    private void Exec(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => _connection.Dispose();
}
