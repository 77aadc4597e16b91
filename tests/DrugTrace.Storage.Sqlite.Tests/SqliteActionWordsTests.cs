using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>Scan and alert actions are typed in code and stored as the words they always were.</summary>
public sealed class SqliteActionWordsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestStore _store = new("drugtrace-words-");

    private static Alert Raised(AlertAction action, string serial) => new()
    {
        Kind = AlertKind.AlreadyInactive, Severity = Severity.High, Message = "m", Action = action, ScannedCode = "c" + serial,
        PackGtin = "04012345000115", PackSerial = serial, ScanningParty = "4012347000014", RaisedAt = Now, LastSeenAt = Now,
    };

    [Fact]
    public async Task Actions_are_stored_as_their_words_and_read_back_typed()
    {
        await _store.Get<IScanLog>().RecordAsync(new ScanRecord(Now, "4012347000014", PackAction.UndoDispense, "c", null, null, "ok", null), default);
        var alerts = _store.Get<IAlertStore>();
        var undo = await alerts.RaiseAsync(Raised(PackAction.UndoDispense, "S1"), TimeSpan.FromHours(1), default);
        var audit = await alerts.RaiseAsync(Raised(AlertAction.Audit, "S2"), TimeSpan.FromHours(1), default);

        Assert.Equal("undo-dispense", Text("SELECT action FROM scans"));
        Assert.Equal("undo-dispense", Text($"SELECT action FROM alerts WHERE id = {undo.Alert.Id}"));
        Assert.Equal("audit", Text($"SELECT action FROM alerts WHERE id = {audit.Alert.Id}"));
        Assert.Equal(PackAction.UndoDispense, (await alerts.GetAsync(undo.Alert.Id, default))!.Action.Scan);
        Assert.True((await alerts.GetAsync(audit.Alert.Id, default))!.Action.IsAudit);
    }

    private string Text(string sql)
    {
        using var connection = _store.Get<SqliteDatabase>().OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
