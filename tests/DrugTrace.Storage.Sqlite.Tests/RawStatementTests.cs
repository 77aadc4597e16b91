using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The writer's raw statements: parameters found by name, a scalar read, and bind errors reported.</summary>
public sealed class RawStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public RawStatementTests() => _connection.Open();

    [Fact]
    public void A_named_parameter_has_its_position_and_an_unknown_one_is_refused()
    {
        using var statement = new RawStatement(_connection, "SELECT $x + $y");
        Assert.Equal(1, statement.Index("$x"));
        Assert.Equal(2, statement.Index("$y"));
        var ex = Assert.Throws<ArgumentException>(() => statement.Index("$nope"));
        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void Scalar_reads_the_first_column_again_on_every_run_and_null_without_a_row()
    {
        using var seven = new RawStatement(_connection, "SELECT 7");
        Assert.Equal(7L, seven.Scalar());
        // Reset after the run: the statement runs again from the start.
        Assert.Equal(7L, seven.Scalar());

        using var none = new RawStatement(_connection, "SELECT 1 WHERE 0");
        Assert.Null(none.Scalar());
    }

    [Fact]
    public void Execute_says_how_many_rows_it_changed()
    {
        using (var create = new RawStatement(_connection, "CREATE TABLE t (k INTEGER, v INTEGER)")) create.Execute();
        using (var insert = new RawStatement(_connection, "INSERT INTO t VALUES (1, 0), (1, 0), (2, 0)")) Assert.Equal(3, insert.Execute());

        using var update = new RawStatement(_connection, "UPDATE t SET v = 1 WHERE k = ?1");
        Assert.Equal(2, update.Int(1, 1).Execute());
        Assert.Equal(1, update.Int(1, 2).Execute());
        Assert.Equal(0, update.Int(1, 3).Execute());
    }

    [Fact]
    public void Scalar_binds_by_position()
    {
        using var statement = new RawStatement(_connection, "SELECT $a * 2");
        Assert.Equal(42L, statement.Int(statement.Index("$a"), 21).Scalar());
        Assert.Equal(10L, statement.Int(1, 5).Scalar());
    }

    [Fact]
    public void A_step_error_of_scalar_is_thrown_and_the_statement_can_run_again()
    {
        using var statement = new RawStatement(_connection, "SELECT abs($v)");
        statement.Int(1, long.MinValue);
        Assert.Throws<SqliteException>(() => statement.Scalar());
        Assert.Equal(9L, statement.Int(1, -9).Scalar());
    }

    [Fact]
    public void IntOrNull_binds_a_value_or_null()
    {
        using var statement = new RawStatement(_connection, "SELECT coalesce($v, -1)");
        Assert.Equal(4L, statement.IntOrNull(1, 4).Scalar());
        Assert.Equal(-1L, statement.IntOrNull(1, null).Scalar());
    }

    [Fact]
    public void Binding_a_position_the_statement_does_not_have_is_an_error()
    {
        using var statement = new RawStatement(_connection, "SELECT $x");
        Assert.Equal(SQLitePCL.raw.SQLITE_RANGE, Assert.Throws<SqliteException>(() => statement.Int(99, 1)).SqliteErrorCode);
        Assert.Equal(SQLitePCL.raw.SQLITE_RANGE, Assert.Throws<SqliteException>(() => statement.Text(99, "a")).SqliteErrorCode);
        Assert.Equal(SQLitePCL.raw.SQLITE_RANGE, Assert.Throws<SqliteException>(() => statement.Text(99, null)).SqliteErrorCode);
    }

    public void Dispose() => _connection.Dispose();
}
