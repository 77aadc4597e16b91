using System.Globalization;
using DrugTrace.Domain.Ledger;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>Column conversions shared by the stores: timestamps as Unix milliseconds, dates as ISO text.</summary>
internal static class Rows
{
    public static long Millis(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static byte[] Blob(Hash256 hash) => hash.ToBytes();

    /// <summary>Stands for a stored hash of the wrong length; no event ever hashes to it in practice.</summary>
    public static readonly Hash256 Damaged = new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, 0);

    public static Hash256 Hash(SqliteDataReader reader, int ordinal)
    {
        var blob = reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);
        // A hash cut short by damage to the file must not crash the audit that is meant to find it.
        return blob.Length == Hash256.Size ? Hash256.FromBytes(blob) : Damaged;
    }

    public static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static object Db(string? value) => (object?)value ?? DBNull.Value;

    public static SqliteCommand Add(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Runs a query and maps every row it returns, in order.</summary>
    public static List<T> ReadAll<T>(this SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    /// <summary>Runs a query and maps its first row, or null when it returns none.</summary>
    public static T? ReadFirst<T>(this SqliteCommand command, Func<SqliteDataReader, T> map) where T : class
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <summary>SQLITE_CONSTRAINT: a unique key said no.</summary>
    public static bool IsConstraint(SqliteException ex) => ex.SqliteErrorCode == 19;
}
