using System.Runtime.InteropServices;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The few calls of the SQLite library (the e_sqlite3 that Microsoft.Data.Sqlite's bundle loads) that the audit's
/// row reader makes a million times per column: on the statement's raw pointer, so that a call is one native
/// transition rather than SQLitePCL's SafeHandle add-ref, call and release (about a third of reading a row).
/// The caller keeps the statement's SafeHandle alive while it uses the pointer. The column calls only read the
/// current row (well under a microsecond, no I/O, no callbacks), so they also skip the GC transition that a
/// P/Invoke makes; <c>sqlite3_step</c>, which may read the file, keeps it.
/// </summary>
internal static partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    [DllImport(Library, EntryPoint = "sqlite3_step")]
    public static extern int Step(IntPtr statement);

    [SuppressGCTransition]
    [DllImport(Library, EntryPoint = "sqlite3_column_blob")]
    public static extern IntPtr ColumnBlob(IntPtr statement, int column);

    [SuppressGCTransition]
    [DllImport(Library, EntryPoint = "sqlite3_column_text")]
    public static extern IntPtr ColumnText(IntPtr statement, int column);

    [SuppressGCTransition]
    [DllImport(Library, EntryPoint = "sqlite3_column_bytes")]
    public static extern int ColumnBytes(IntPtr statement, int column);

    [SuppressGCTransition]
    [DllImport(Library, EntryPoint = "sqlite3_column_int64")]
    public static extern long ColumnInt64(IntPtr statement, int column);

    [SuppressGCTransition]
    [DllImport(Library, EntryPoint = "sqlite3_column_int")]
    public static extern int ColumnInt(IntPtr statement, int column);

    [SuppressGCTransition]
    [DllImport(Library, EntryPoint = "sqlite3_column_type")]
    public static extern int ColumnType(IntPtr statement, int column);

    /// <summary>A blob or text column as bytes; empty for NULL. Valid until the statement steps again.</summary>
    public static unsafe ReadOnlySpan<byte> Bytes(IntPtr statement, int column)
    {
        // sqlite3_column_bytes after sqlite3_column_blob, as SQLite's documentation says: the pointer stays valid.
        var data = ColumnBlob(statement, column);
        return data == IntPtr.Zero ? [] : new ReadOnlySpan<byte>((void*)data, ColumnBytes(statement, column));
    }

    /// <summary>
    /// A text column as UTF-8 bytes, or false for NULL: sqlite3_column_text is a null pointer only for NULL (an empty
    /// text is ""), so one call tells both, where a type check and a read were two. Valid until the statement steps again.
    /// </summary>
    public static unsafe bool TryText(IntPtr statement, int column, out ReadOnlySpan<byte> utf8)
    {
        var text = ColumnText(statement, column);
        utf8 = text == IntPtr.Zero ? [] : new ReadOnlySpan<byte>((void*)text, ColumnBytes(statement, column));
        return text != IntPtr.Zero;
    }
}
