using System.Collections.Frozen;
using System.Text;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Reads the rows of one query straight from its SQLite statement, for the audit's reads of every
/// event and every pack. Through <see cref="SqliteDataReader"/> each column costs several native
/// calls and checks and each text column a new string; a million rows of 17 columns made that most
/// of the audit's time. Here a column is one native call on the statement's pointer (<see cref="SqliteNative"/>), a blob is a span (no array), and a text
/// equal to the one the same column held in the row before (GTIN, actor, lot, expiry: the same for
/// a whole lot) is the same string. Runs on the connection's handle, so inside its open transaction.
/// </summary>
internal sealed class RawRows : IDisposable
{
    private static readonly FrozenDictionary<string, EventType> EventTypes =
        Enum.GetValues<EventType>().ToFrozenDictionary(t => t.ToString(), StringComparer.Ordinal);

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private readonly LastText[] _texts;
    private string? _lastDateText;
    private DateOnly _lastDate;
    private string? _lastTypeText;
    private EventType _lastType;

    public RawRows(SqliteConnection connection, string sql, params (string Name, long Value)[] parameters)
        : this(connection.Handle ?? throw new InvalidOperationException("The connection is not open."), sql, parameters)
    {
    }

    public RawRows(sqlite3 db, string sql, params (string Name, long Value)[] parameters)
    {
        _db = db;
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        foreach (var (name, value) in parameters)
        {
            var index = raw.sqlite3_bind_parameter_index(_statement, name);
            if (index == 0) throw new ArgumentException($"The query has no parameter {name}.", nameof(parameters));
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(_statement, index, value), _db);
        }
        _handle = _statement.DangerousGetHandle();
        _texts = new LastText[raw.sqlite3_column_count(_statement)];
        for (var i = 0; i < _texts.Length; i++) _texts[i] = new LastText();
    }

    /// <summary>Steps to the next row; false after the last.</summary>
    public bool Read()
    {
        var rc = SqliteNative.Step(_handle);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    /// <summary>
    /// Makes <paramref name="column"/> read through <paramref name="other"/>'s cache of <paramref name="otherColumn"/>: a text
    /// equal to the one last read there (an event's key after its pack row's serial) is that string, not a new one.
    /// </summary>
    public void ShareText(int column, RawRows other, int otherColumn) => _texts[column] = other._texts[otherColumn];

    public long Int64(int column) => SqliteNative.ColumnInt64(_handle, column);

    public int Int32(int column) => SqliteNative.ColumnInt(_handle, column);

    public bool IsNull(int column) => SqliteNative.ColumnType(_handle, column) == raw.SQLITE_NULL;

    public string Text(int column) => _texts[column].Of(SqliteNative.Bytes(_handle, column));

    public string? NullableText(int column) => SqliteNative.TryText(_handle, column, out var utf8) ? _texts[column].Of(utf8) : null;

    /// <summary>A stored hash; one of another length (damage) is <see cref="Rows.Damaged"/>, as <see cref="Rows.Hash"/> reads it.</summary>
    public Hash256 Hash(int column)
    {
        var blob = SqliteNative.Bytes(_handle, column);
        return blob.Length == Hash256.Size ? Hash256.FromBytes(blob) : Rows.Damaged;
    }

    public DateOnly Date(int column) => DateOf(Text(column));

    public DateOnly? NullableDate(int column) => NullableText(column) is { } text ? DateOf(text) : null;

    private DateOnly DateOf(string text)
    {
        // Texts equal to the row before's are the same string, so one lot's expiry is parsed once.
        if (!ReferenceEquals(text, _lastDateText))
        {
            _lastDate = Rows.Date(text);
            _lastDateText = text;
        }
        return _lastDate;
    }

    private EventType Type(int column)
    {
        // As for dates: the same string as the row before's is the same type, not looked up again.
        var text = Text(column);
        if (!ReferenceEquals(text, _lastTypeText))
        {
            // An edited type name is reported by the hash check; it must not stop the audit here.
            _lastType = EventTypes.TryGetValue(text, out var type) ? type : (EventType)(-1);
            _lastTypeText = text;
        }
        return _lastType;
    }

    /// <summary>An event whose columns start at <paramref name="first"/> in the order of <see cref="SqliteLedgerStore.EventColumns"/> (log_index, chain first).</summary>
    public LedgerEvent Event(int first = 0) => new()
    {
        Seq = Int32(first + 2),
        Stream = (StreamKind)Int32(first + 3),
        Gtin = Text(first + 4),
        Key = Text(first + 5),
        Type = Type(first + 6),
        Actor = Text(first + 7),
        From = NullableText(first + 8),
        To = NullableText(first + 9),
        Reason = NullableText(first + 10),
        Lot = NullableText(first + 11),
        Expiry = NullableDate(first + 12),
        OccurredAt = Rows.Time(Int64(first + 13)),
        RecordedAt = Rows.Time(Int64(first + 14)),
        PrevHash = Hash(first + 15),
        Hash = Hash(first + 16),
    };

    /// <summary>A pack row in the order of <see cref="SqliteLedgerStore.PackColumns"/>, as <c>MapPack</c> reads it.</summary>
    public PackState Pack() => new()
    {
        Gtin = Text(1),
        Serial = Text(2),
        Lot = Text(3),
        Expiry = Date(4),
        Status = (PackStatus)Int32(5),
        Custodian = Text(6),
        ShipTo = NullableText(7),
        ChangedBy = Text(8),
        ChangedAt = Rows.Time(Int64(9)),
        Head = new ChainHead(Int32(10), Hash(11)),
        HeldFrom = IsNull(12) ? null : (PackStatus)Int32(12),
        Parent = NullableText(13),
    };

    public void Dispose() => _statement.Dispose();

    /// <summary>The text a column held in the row before, kept while the next row holds the same bytes.</summary>
    private sealed class LastText
    {
        private byte[] _bytes = new byte[64];
        private int _length = -1;
        private string _text = "";

        public string Of(ReadOnlySpan<byte> utf8)
        {
            if (_length >= 0 && utf8.SequenceEqual(_bytes.AsSpan(0, _length))) return _text;
            if (utf8.Length > _bytes.Length) _bytes = new byte[utf8.Length];
            utf8.CopyTo(_bytes);
            _length = utf8.Length;
            return _text = Encoding.UTF8.GetString(utf8);
        }
    }
}
