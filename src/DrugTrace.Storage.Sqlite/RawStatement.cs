using DrugTrace.Domain.Ledger;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// A statement of the writer's hot path (commissioning, appends, the tree), prepared once and run
/// straight on its SQLite handle with its parameters bound by position. Through <see cref="SqliteCommand"/>
/// every execution looks each parameter up by name (<c>SqliteParameterCollection.Bind</c>: a third of the
/// writer's time in commissioning, measured with dotnet-trace) and builds a data reader. Runs on the
/// connection's handle, so inside the writer's open transaction and savepoint.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
    }

    /// <summary>The position of a named parameter (<c>$name</c>), for binding by position afterwards.</summary>
    public int Index(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    public RawStatement Int(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    /// <summary>An integer, or NULL for null.</summary>
    public RawStatement IntOrNull(int index, long? value)
    {
        Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>Text, or NULL for null.</summary>
    public RawStatement Text(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));
        return this;
    }

    public RawStatement Hash(int index, Hash256 value)
    {
        Span<byte> bytes = stackalloc byte[Hash256.Size];
        value.WriteTo(bytes);
        Check(raw.sqlite3_bind_blob(_statement, index, bytes));
        return this;
    }

    /// <summary>
    /// Runs the statement to its end and returns the rows it inserted, updated or deleted; a failure (a unique key
    /// that says no: SQLITE_CONSTRAINT) is a <see cref="SqliteException"/>.
    /// </summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        while (rc == raw.SQLITE_ROW) rc = raw.sqlite3_step(_statement);
        try
        {
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>The first column of the first row as an integer, or null when there is no row.</summary>
    public long? Scalar()
    {
        var rc = raw.sqlite3_step(_statement);
        try
        {
            if (rc == raw.SQLITE_ROW) return raw.sqlite3_column_int64(_statement, 0);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
            return null;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
