using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>One open read connection of <see cref="ReadSessions"/> and its prepared commands, by SQL text.</summary>
internal sealed class ReadSession : IDisposable
{
    private readonly ReadSessions _owner;
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal ReadSession(ReadSessions owner, SqliteConnection connection)
    {
        _owner = owner;
        _connection = connection;
    }

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters cleared; dispose its reader before the session.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Gives the session back for the next read.</summary>
    public void Dispose() => _owner.Return(this);

    internal void Close()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        _connection.Dispose();
    }
}
