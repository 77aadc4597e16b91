using System.Globalization;
using System.Text;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Storage.Sqlite;

/// <summary>Pack events by filter, in log order; visibility is checked in the same statement.</summary>
internal sealed class SqliteEventQuery(SqliteDatabase db) : ILedgerEventQuery
{
    public ValueTask<IReadOnlyList<StoredEvent>> QueryAsync(LedgerEventQuery query, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {SqliteLedgerStore.EventColumns} FROM events e WHERE e.stream = {(int)StreamKind.Pack}");
        if (query.VisibleTo is { } party)
        {
            sql.Append("""
                 AND (EXISTS (SELECT 1 FROM products p WHERE p.gtin = e.gtin AND p.manufacturer = $party)
                      OR EXISTS (SELECT 1 FROM events x WHERE x.chain = e.chain AND (x.actor = $party OR x.from_gln = $party OR x.to_gln = $party)))
                """);
            command.Add("$party", party);
        }
        if (query.Packs.Count > 0)
        {
            var alternatives = new List<string>();
            for (var i = 0; i < query.Packs.Count; i++)
            {
                var p = query.Packs[i];
                var test = $"(e.gtin = $g{i}";
                command.Add($"$g{i}", p.Gtin);
                if (p.Serial is not null) { test += $" AND e.key = $s{i}"; command.Add($"$s{i}", p.Serial); }
                if (p.Lot is not null)
                {
                    test += $" AND e.chain IN (SELECT k.id * 2 FROM packs k WHERE k.gtin = $g{i} AND k.lot = $l{i})";
                    command.Add($"$l{i}", p.Lot);
                }
                alternatives.Add(test + ")");
            }
            sql.Append(" AND (").Append(string.Join(" OR ", alternatives)).Append(')');
        }
        if (query.EventIds.Count > 0)
        {
            sql.Append(" AND e.epcis_id IN (").Append(string.Join(", ", query.EventIds.Select((_, i) => $"$id{i}"))).Append(')');
            for (var i = 0; i < query.EventIds.Count; i++) command.Add($"$id{i}", query.EventIds[i]);
        }
        if (query.Actor is { } actor) { sql.Append(" AND e.actor = $actor"); command.Add("$actor", actor); }
        if (query.OccurredFrom is { } from) { sql.Append(" AND e.occurred_at >= $of"); command.Add("$of", Rows.Millis(from)); }
        if (query.OccurredBefore is { } before) { sql.Append(" AND e.occurred_at < $ob"); command.Add("$ob", Rows.Millis(before)); }
        if (query.RecordedFrom is { } recorded) { sql.Append(" AND e.recorded_at >= $rf"); command.Add("$rf", Rows.Millis(recorded)); }
        if (query.AfterLogIndex is { } after) { sql.Append(" AND e.log_index > $after"); command.Add("$after", after); }
        sql.Append(" ORDER BY e.log_index LIMIT ").Append(Math.Max(1, query.Take).ToString(CultureInfo.InvariantCulture));
        command.CommandText = sql.ToString();
        return ValueTask.FromResult<IReadOnlyList<StoredEvent>>(command.ReadAll(SqliteLedgerStore.MapStoredEvent));
    }
}
