using DrugTrace.Application.Common.Wire;
using System.Text;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqliteAlertStore(SqliteDatabase db) : IAlertStore
{
    private const string Columns =
        "id, kind, severity, reason_code, message, action, scanned_code, scanned_gtin, scanned_serial, scanned_lot, scanned_expiry, "
        + "pack_gtin, pack_serial, scanning_party, brand_owner, probable_scanning_error, raised_at, last_seen_at, count, status, resolution, version, custodian";

    public async ValueTask<(Alert Alert, bool IsNew)> RaiseAsync(Alert alert, TimeSpan window, CancellationToken cancellationToken)
    {
        var raised = await db.Writer.WriteAsync(w => Raise(w, alert, window), cancellationToken);
        if (raised.IsNew || AlertMilestones.IsMilestone(raised.Alert.Count)) db.AlertOutbox.Poke();
        return raised;
    }

    /// <summary>
    /// Folds the alert into a recent open one or inserts it, inside the caller's write, with the push
    /// that announces it (new, or a repeat count milestone) in the outbox of the same transaction.
    /// </summary>
    internal static (Alert Alert, bool IsNew) Raise(SqliteWriter w, Alert alert, TimeSpan window)
    {
        // The single writer makes find-then-update atomic: a storm of one alert stays one row.
        var existing = w.Command("""
                UPDATE alerts SET count = count + 1, last_seen_at = $now
                WHERE id = (SELECT id FROM alerts WHERE dedupe_key = $key AND status != $closed AND last_seen_at >= $since
                            ORDER BY id DESC LIMIT 1)
                RETURNING id
                """)
            .Add("$now", Rows.Millis(alert.LastSeenAt)).Add("$key", alert.DedupeKey).Add("$closed", (int)AlertStatus.Closed)
            .Add("$since", Rows.Millis(alert.LastSeenAt - window));
        if (existing.ExecuteScalar() is long existingId)
        {
            Alert found;
            using (var reader = w.Command($"SELECT {Columns} FROM alerts WHERE id = $id").Add("$id", existingId).ExecuteReader())
            {
                reader.Read();
                found = Map(reader);
            }
            // A repeat of an alert under investigation is still that alert: with its history, as GetAsync reads it.
            found = found with { History = History(w.Command(HistorySql).Add("$id", existingId)) };
            if (AlertMilestones.IsMilestone(found.Count)) Announce(w, found, isNew: false, alert.LastSeenAt);
            return (found, false);
        }

        var id = (long)w.Command($"""
                INSERT INTO alerts ({Columns[4..]}, dedupe_key)
                VALUES ($kind, $severity, $reason, $message, $action, $code, $sgtin, $sserial, $slot, $sexpiry, $pgtin, $pserial,
                        $party, $brand, $pse, $raised, $seen, $count, $status, $resolution, $version, $custodian, $key)
                RETURNING id
                """)
            .Add("$kind", alert.Kind.ToString()).Add("$severity", (int)alert.Severity).Add("$reason", alert.ReasonCode)
            .Add("$message", alert.Message).Add("$action", AlertActionNames.Name(alert.Action)).Add("$code", alert.ScannedCode)
            .Add("$sgtin", alert.ScannedGtin).Add("$sserial", alert.ScannedSerial).Add("$slot", alert.ScannedLot)
            .Add("$sexpiry", alert.ScannedExpiry is { } d ? Rows.Date(d) : null)
            .Add("$pgtin", alert.PackGtin).Add("$pserial", alert.PackSerial).Add("$party", alert.ScanningParty)
            .Add("$brand", alert.BrandOwner).Add("$pse", alert.ProbableScanningError ? 1 : 0)
            .Add("$raised", Rows.Millis(alert.RaisedAt)).Add("$seen", Rows.Millis(alert.LastSeenAt)).Add("$count", alert.Count)
            .Add("$status", (int)alert.Status).Add("$resolution", alert.Resolution is { } r ? (int)r : null)
            .Add("$version", alert.Version).Add("$custodian", alert.Custodian).Add("$key", alert.DedupeKey)
            .ExecuteScalar()!;
        var raised = alert with { Id = id };
        Announce(w, raised, isNew: true, alert.LastSeenAt);
        return (raised, true);
    }

    /// <summary>
    /// Queues the push of an alert change in the current write, with the alert as the change left it
    /// (delivered by <see cref="SqliteAlertOutbox"/>).
    /// </summary>
    internal static void Announce(SqliteWriter w, Alert snapshot, bool isNew, DateTimeOffset at) =>
        w.Command("INSERT INTO alert_outbox (alert_id, is_new, created_at, snapshot) VALUES ($id, $new, $at, $snapshot)")
            .Add("$id", snapshot.Id).Add("$new", isNew ? 1 : 0).Add("$at", Rows.Millis(at))
            .Add("$snapshot", System.Text.Json.JsonSerializer.Serialize(snapshot)).ExecuteNonQuery();

    public ValueTask<Alert?> GetAsync(long id, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alerts WHERE id = $id";
        command.Add("$id", id);
        if (command.ReadFirst(Map) is not { } alert) return ValueTask.FromResult<Alert?>(null);
        using var history = connection.CreateCommand();
        history.CommandText = HistorySql;
        history.Add("$id", id);
        return ValueTask.FromResult<Alert?>(alert with { History = History(history) });
    }

    public ValueTask<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        var where = new StringBuilder("WHERE 1 = 1");
        if (query.VisibleTo is { } viewer)
        {
            where.Append(" AND (scanning_party = $viewer OR brand_owner = $viewer OR custodian = $viewer)");
            command.Add("$viewer", viewer);
        }
        if (query.Status is { } status) { where.Append(" AND status = $status"); command.Add("$status", (int)status); }
        if (query.Kind is { } kind) { where.Append(" AND kind = $kind"); command.Add("$kind", kind.ToString()); }
        if (query.MinSeverity is { } severity) { where.Append(" AND severity >= $severity"); command.Add("$severity", (int)severity); }
        if (query.Severity is { } exactly) { where.Append(" AND severity = $exactly"); command.Add("$exactly", (int)exactly); }
        if (query.Gtin is { } gtin) { where.Append(" AND (pack_gtin = $gtin OR scanned_gtin = $gtin)"); command.Add("$gtin", gtin); }
        if (query.Party is { } party) { where.Append(" AND scanning_party = $party"); command.Add("$party", party); }
        if (query.AfterId is { } after) { where.Append(" AND id > $after"); command.Add("$after", after); }
        if (!query.IncludeScanningErrors) where.Append(" AND probable_scanning_error = 0");
        if (query.CustodyExceptions is { } exceptions)
        {
            where.Append(exceptions ? " AND kind = $exception" : " AND kind != $exception");
            command.Add("$exception", nameof(AlertKind.CustodyException));
        }
        // A listener catching up reads forwards; a person browsing reads the newest first.
        var order = query.AfterId is null ? "id DESC" : "id";
        command.CommandText = $"SELECT {Columns} FROM alerts {where} ORDER BY {order} LIMIT $take OFFSET $skip";
        command.Add("$take", query.Take).Add("$skip", query.Skip);
        return ValueTask.FromResult<IReadOnlyList<Alert>>(command.ReadAll(Map));
    }

    public async ValueTask<bool> TryUpdateAsync(Alert updated, CancellationToken cancellationToken)
    {
        var changed = await db.Writer.WriteAsync(w =>
        {
            var changed = w.Command("""
                    UPDATE alerts SET status = $status, resolution = $resolution, version = $version
                    WHERE id = $id AND version = $previous
                    """)
                .Add("$status", (int)updated.Status).Add("$resolution", updated.Resolution is { } r ? (int)r : null)
                .Add("$version", updated.Version).Add("$id", updated.Id).Add("$previous", updated.Version - 1)
                .ExecuteNonQuery();
            if (changed == 0) return false;
            if (updated.History.Count > 0)
            {
                var change = updated.History[^1];
                w.Command("INSERT INTO alert_changes (alert_id, at, by, status, resolution, note) VALUES ($id, $at, $by, $status, $resolution, $note)")
                    .Add("$id", updated.Id).Add("$at", Rows.Millis(change.At)).Add("$by", change.By).Add("$status", (int)change.Status)
                    .Add("$resolution", change.Resolution is { } cr ? (int)cr : null).Add("$note", change.Note)
                    .ExecuteNonQuery();
            }
            Announce(w, updated, isNew: false, updated.History.Count > 0 ? updated.History[^1].At : updated.LastSeenAt);
            return true;
        }, cancellationToken);
        if (changed) db.AlertOutbox.Poke();
        return changed;
    }

    private const string HistorySql = "SELECT at, by, status, resolution, note FROM alert_changes WHERE alert_id = $id ORDER BY id";

    private static List<AlertChange> History(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var history = new List<AlertChange>();
        while (reader.Read())
            history.Add(new AlertChange(Rows.Time(reader.GetInt64(0)), reader.GetString(1), (AlertStatus)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : (AlertResolution)reader.GetInt32(3), Rows.NullableString(reader, 4)));
        return history;
    }

    private static Alert Map(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Kind = Enum.Parse<AlertKind>(r.GetString(1)),
        Severity = (Severity)r.GetInt32(2),
        ReasonCode = Rows.NullableString(r, 3),
        Message = r.GetString(4),
        Action = AlertActionNames.Parse(r.GetString(5)),
        ScannedCode = r.GetString(6),
        ScannedGtin = Rows.NullableString(r, 7),
        ScannedSerial = Rows.NullableString(r, 8),
        ScannedLot = Rows.NullableString(r, 9),
        ScannedExpiry = r.IsDBNull(10) ? null : Rows.Date(r.GetString(10)),
        PackGtin = Rows.NullableString(r, 11),
        PackSerial = Rows.NullableString(r, 12),
        ScanningParty = r.GetString(13),
        BrandOwner = Rows.NullableString(r, 14),
        ProbableScanningError = r.GetInt32(15) != 0,
        RaisedAt = Rows.Time(r.GetInt64(16)),
        LastSeenAt = Rows.Time(r.GetInt64(17)),
        Count = r.GetInt32(18),
        Status = (AlertStatus)r.GetInt32(19),
        Resolution = r.IsDBNull(20) ? null : (AlertResolution)r.GetInt32(20),
        Version = r.GetInt32(21),
        Custodian = Rows.NullableString(r, 22),
    };
}
