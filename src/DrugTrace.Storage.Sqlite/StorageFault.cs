using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Tells a fault of the store itself (the file cannot take the write) from a write's own error
/// (a constraint, a bug), and names it in words an operator can act on.
/// </summary>
internal static class StorageFault
{
    /// <summary>The reason when <paramref name="ex"/> is a fault of the store, else null.</summary>
    public static string? Describe(Exception ex) => ex is SqliteException sqlite ? Describe(sqlite.SqliteErrorCode) : null;

    // Primary result codes of https://sqlite.org/rescode.html; extended codes keep them in the low byte.
    public static string? Describe(int code) => (code & 0xFF) switch
    {
        5 or 6 => "the database file is locked by another process",
        7 => "out of memory",
        8 => "the database file is read-only",
        10 => "disk I/O error",
        11 or 26 => "the database file is damaged",
        13 => "disk full",
        14 => "the database file cannot be opened",
        _ => null,
    };
}
