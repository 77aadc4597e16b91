using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqliteScanLog(SqliteDatabase db) : IScanLog
{
    private const long MillisPerHour = 3_600_000;

    public async ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("""
                INSERT INTO scans (at, actor, action, code, gtin, serial, verdict, alerts)
                VALUES ($at, $actor, $action, $code, $gtin, $serial, $verdict, $alerts)
                """)
            .Add("$at", Rows.Millis(scan.At)).Add("$actor", scan.Actor).Add("$action", scan.Action.Name)
            .Add("$code", scan.Code).Add("$gtin", scan.Gtin).Add("$serial", scan.Serial)
            .Add("$verdict", scan.Verdict).Add("$alerts", scan.Alerts)
            .ExecuteNonQuery(), cancellationToken);

    public ValueTask<IReadOnlyList<ScanRecord>> ScansOfPackAsync(string gtin, string serial, DateTimeOffset since, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        // scans_pack finds the pack's few scans; newest first by id, which follows time.
        command.CommandText = """
            SELECT at, actor, action, code, gtin, serial, verdict, alerts FROM scans
            WHERE gtin = $gtin AND serial = $serial AND at >= $since ORDER BY id DESC
            """;
        command.Add("$gtin", gtin).Add("$serial", serial).Add("$since", Rows.Millis(since));
        var scans = new List<ScanRecord>();
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                scans.Add(new ScanRecord(Rows.Time(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    Rows.NullableString(reader, 4), Rows.NullableString(reader, 5), reader.GetString(6), Rows.NullableString(reader, 7)));
        return ValueTask.FromResult<IReadOnlyList<ScanRecord>>(scans);
    }

    public ValueTask<IReadOnlyList<(DateTimeOffset Hour, int Count)>> CountPerHourAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Scans are appended in time order, so reading backwards by id stops at the first older
        // one instead of scanning the whole table (there is no index on the time).
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at FROM scans ORDER BY id DESC";
        var from = Rows.Millis(since);
        var counts = new Dictionary<long, int>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var at = reader.GetInt64(0);
                if (at < from) break;
                var hour = at - (at % MillisPerHour);
                counts[hour] = counts.GetValueOrDefault(hour) + 1;
            }
        }
        return ValueTask.FromResult<IReadOnlyList<(DateTimeOffset, int)>>([.. counts.Select(c => (Rows.Time(c.Key), c.Value))]);
    }
}
