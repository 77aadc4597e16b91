using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed partial class SqliteLedgerStore
{
    private static readonly System.Collections.Frozen.FrozenDictionary<string, EventType> EventTypes =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(Enum.GetValues<EventType>(), t => t.ToString(), StringComparer.Ordinal);

    internal static PackState MapPack(SqliteDataReader r) => new()
    {
        Gtin = r.GetString(1),
        Serial = r.GetString(2),
        Lot = r.GetString(3),
        Expiry = Rows.Date(r.GetString(4)),
        Status = (PackStatus)r.GetInt32(5),
        Custodian = r.GetString(6),
        ShipTo = Rows.NullableString(r, 7),
        ChangedBy = r.GetString(8),
        ChangedAt = Rows.Time(r.GetInt64(9)),
        Head = new ChainHead(r.GetInt32(10), Rows.Hash(r, 11)),
        HeldFrom = r.IsDBNull(12) ? null : (PackStatus)r.GetInt32(12),
        Parent = Rows.NullableString(r, 13),
    };

    private static CaseState MapCase(SqliteDataReader r) => new()
    {
        Sscc = r.GetString(1),
        Status = (CaseStatus)r.GetInt32(2),
        Custodian = r.GetString(3),
        ShipTo = Rows.NullableString(r, 4),
        Parent = Rows.NullableString(r, 5),
        PackedBy = r.GetString(6),
        PackedAt = Rows.Time(r.GetInt64(7)),
        ChangedBy = r.GetString(8),
        ChangedAt = Rows.Time(r.GetInt64(9)),
        Head = new ChainHead(r.GetInt32(10), Rows.Hash(r, 11)),
    };

    /// <summary>An event row with its log position first (<c>SELECT {EventColumns}</c>).</summary>
    internal static StoredEvent MapStoredEvent(SqliteDataReader r) => new(r.GetInt64(0), MapEvent(r));

    internal static LedgerEvent MapEvent(SqliteDataReader r) => new()
    {
        Seq = r.GetInt32(2),
        Stream = (StreamKind)r.GetInt32(3),
        Gtin = r.GetString(4),
        Key = r.GetString(5),
        // An edited type name is reported by the hash check; it must not stop the audit here.
        Type = EventTypes.TryGetValue(r.GetString(6), out var type) ? type : (EventType)(-1),
        Actor = r.GetString(7),
        From = Rows.NullableString(r, 8),
        To = Rows.NullableString(r, 9),
        Reason = Rows.NullableString(r, 10),
        Lot = Rows.NullableString(r, 11),
        Expiry = r.IsDBNull(12) ? null : Rows.Date(r.GetString(12)),
        OccurredAt = Rows.Time(r.GetInt64(13)),
        RecordedAt = Rows.Time(r.GetInt64(14)),
        PrevHash = Rows.Hash(r, 15),
        Hash = Rows.Hash(r, 16),
    };
}
