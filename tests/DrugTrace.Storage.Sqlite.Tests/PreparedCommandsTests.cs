using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite.Tests;

public sealed class PreparedCommandsTests
{
    [Fact]
    public void The_same_sql_is_the_same_command_with_its_parameters_cleared_and_other_sql_another()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var commands = new PreparedCommands(connection);

        var first = commands.For("SELECT $x");
        first.Parameters.AddWithValue("$x", 41);
        Assert.Equal(41L, first.ExecuteScalar());

        var again = commands.For("SELECT $x");
        Assert.Same(first, again);
        Assert.Empty(again.Parameters);
        again.Parameters.AddWithValue("$x", 42);
        Assert.Equal(42L, again.ExecuteScalar());

        var other = commands.For("SELECT 7");
        Assert.NotSame(first, other);
        Assert.Equal("SELECT 7", other.CommandText);
        Assert.Same(connection, other.Connection);
    }
}
