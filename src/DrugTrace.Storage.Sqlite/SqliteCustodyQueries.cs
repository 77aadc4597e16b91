using System.Text;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Storage.Sqlite;

/// <summary>Stock and shipments on SQLite, read from the pack heads by custodian and by recipient.</summary>
internal sealed class SqliteCustodyQueries(SqliteDatabase db) : ICustodyQueries
{
    public ValueTask<IReadOnlyList<StockCount>> CountStockAsync(string custodian, StockFilter filter, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        // A quarantined shipment is still the sender's in name only: it is not in anyone's stock.
        var sql = new StringBuilder($"""
            SELECT gtin, lot, expiry, status, COUNT(*) FROM packs
            WHERE custodian = $custodian AND status IN ({(int)PackStatus.Active}, {(int)PackStatus.Locked}, {(int)PackStatus.Quarantined})
              AND (held_from IS NULL OR held_from <> {(int)PackStatus.InTransit})
            """);
        command.Add("$custodian", custodian);
        if (filter.Gtin is { } gtin) { sql.Append(" AND gtin = $gtin"); command.Add("$gtin", gtin); }
        if (filter.Lot is { } lot) { sql.Append(" AND lot = $lot"); command.Add("$lot", lot); }
        // Expiry is ISO text, which sorts as the date does.
        if (filter.ExpiringBefore is { } before) { sql.Append(" AND expiry < $before"); command.Add("$before", Rows.Date(before)); }
        sql.Append(" GROUP BY gtin, lot, expiry, status");
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        var counts = new List<StockCount>();
        while (reader.Read())
            counts.Add(new StockCount(reader.GetString(0), reader.GetString(1), Rows.Date(reader.GetString(2)), (PackStatus)reader.GetInt32(3), reader.GetInt32(4)));
        return ValueTask.FromResult<IReadOnlyList<StockCount>>(counts);
    }

    public ValueTask<IReadOnlyList<PackState>> ListQuarantinedAsync(string? quarantinedBy, int limit, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqliteLedgerStore.PackColumns}
            FROM packs WHERE status = {(int)PackStatus.Quarantined} AND ($by IS NULL OR changed_by = $by)
            ORDER BY changed_at DESC, id DESC LIMIT $limit
            """;
        command.Add("$by", quarantinedBy).Add("$limit", limit);
        return ValueTask.FromResult<IReadOnlyList<PackState>>(command.ReadAll(SqliteLedgerStore.MapPack));
    }

    public ValueTask<IReadOnlyList<PackState>> ListInTransitAsync(string party, ShipmentDirection direction, int limit, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        var who = direction == ShipmentDirection.Incoming ? "ship_to" : "custodian";
        command.CommandText = $"""
            SELECT {SqliteLedgerStore.PackColumns}
            FROM packs WHERE {who} = $party AND status = {(int)PackStatus.InTransit}
            ORDER BY changed_at, id LIMIT $limit
            """;
        command.Add("$party", party).Add("$limit", limit);
        return ValueTask.FromResult<IReadOnlyList<PackState>>(command.ReadAll(SqliteLedgerStore.MapPack));
    }
}
