using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqliteScanLog(SqliteDatabase db) : IScanLog
{
    public async ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("""
                INSERT INTO scans (at, actor, action, code, gtin, serial, verdict, alerts)
                VALUES ($at, $actor, $action, $code, $gtin, $serial, $verdict, $alerts)
                """)
            .Add("$at", Rows.Millis(scan.At)).Add("$actor", scan.Actor).Add("$action", scan.Action)
            .Add("$code", scan.Code).Add("$gtin", scan.Gtin).Add("$serial", scan.Serial)
            .Add("$verdict", scan.Verdict).Add("$alerts", scan.Alerts)
            .ExecuteNonQuery(), cancellationToken);
}
