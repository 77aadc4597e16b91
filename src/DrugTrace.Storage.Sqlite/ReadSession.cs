using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>One open read connection of <see cref="ReadSessions"/> and its prepared commands, by SQL text.</summary>
internal sealed class ReadSession : IDisposable
{
    private readonly ReadSessions _owner;
    private readonly SqliteConnection _connection;
    private readonly PreparedCommands _commands;

    internal ReadSession(ReadSessions owner, SqliteConnection connection)
    {
        _owner = owner;
        _connection = connection;
        _commands = new PreparedCommands(connection);
    }

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters cleared; dispose its reader before the session.</summary>
    public SqliteCommand Command(string sql) => _commands.For(sql);

    /// <summary>Gives the session back for the next read.</summary>
    public void Dispose() => _owner.Return(this);

    internal void Close()
    {
        _commands.Dispose();
        _connection.Dispose();
    }
}
