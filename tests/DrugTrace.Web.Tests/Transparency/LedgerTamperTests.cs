using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Transparency;

/// <summary>
/// The edits of issue 11, made to the SQLite file the way an operator with disk access could:
/// each was invisible to the old audit; each must now be named.
/// </summary>
public sealed class LedgerTamperTests : IDisposable
{
    private readonly DrugTraceFactory _factory = new();

    [Fact]
    public async Task A_dispensed_pack_set_back_to_active_is_named_by_pack_seq_and_field()
    {
        var (gtin, serial) = await DispensedPackAsync();
        Execute("UPDATE packs SET status = 0 WHERE gtin = $gtin AND serial = $serial", ("$gtin", gtin), ("$serial", serial));

        var violation = Assert.Single(await ViolationsAsync());
        Assert.Equal((gtin, serial, 3), (violation.GetProperty("gtin").GetString(), violation.GetProperty("serial").GetString(), violation.GetProperty("seq").GetInt32()));
        Assert.StartsWith("field status: the chain says Dispensed", violation.GetProperty("problem").GetString());

        var history = await _factory.ClientFor(Demo.RegulatorKey).GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serial}");
        Assert.False(history.GetProperty("chainVerified").GetBoolean());
    }

    [Fact]
    public async Task A_pack_moved_to_another_custodian_is_named_by_field()
    {
        var (gtin, serial) = await DispensedPackAsync();
        Execute("UPDATE packs SET custodian = $other WHERE gtin = $gtin AND serial = $serial",
            ("$other", Demo.WholesalerGln), ("$gtin", gtin), ("$serial", serial));

        var violation = Assert.Single(await ViolationsAsync());
        Assert.Equal(serial, violation.GetProperty("serial").GetString());
        Assert.StartsWith("field custodian", violation.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task The_last_event_rewritten_with_a_recomputed_hash_and_head_does_not_match_the_checkpoint()
    {
        var (gtin, serial) = await DispensedPackAsync();
        await _factory.SignNowAsync();
        var chain = await _factory.Services.GetRequiredService<ILedgerStore>().GetChainAsync(StreamKind.Pack, gtin, serial, default);
        var last = chain[^1];
        // Dispensed a minute earlier: still a legal story, hash and head recomputed, so only the tree shows it.
        var rewritten = EventHasher.Seal(last.Event with { OccurredAt = last.Event.OccurredAt.AddMinutes(-1), RecordedAt = last.Event.RecordedAt.AddMinutes(-1) });
        Execute("UPDATE events SET occurred_at = $at, recorded_at = $at, hash = $hash WHERE log_index = $index",
            ("$at", rewritten.OccurredAt.ToUnixTimeMilliseconds()), ("$hash", rewritten.Hash.ToBytes()), ("$index", last.LogIndex));
        Execute("UPDATE packs SET head_hash = $hash, changed_at = $at WHERE gtin = $gtin AND serial = $serial",
            ("$hash", rewritten.Hash.ToBytes()), ("$at", rewritten.OccurredAt.ToUnixTimeMilliseconds()), ("$gtin", gtin), ("$serial", serial));

        var audit = await Api.AuditAsync(_factory.ClientFor(Demo.RegulatorKey));

        Assert.False(audit.GetProperty("valid").GetBoolean());
        Assert.Contains("hash to root", Assert.Single(audit.GetProperty("logProblems").EnumerateArray()).GetString());
        // The checkpointer refuses to sign over the rewrite.
        await Assert.ThrowsAsync<DrugTrace.Application.Transparency.LogIntegrityException>(async () =>
        {
            await Api.NewLotAsync(_factory.ClientFor(Demo.ManufacturerKey), 1);
            await _factory.Services.GetRequiredService<DrugTrace.Application.Transparency.CheckpointWriter>().SignIfGrownAsync(default);
        });
    }

    [Fact]
    public async Task The_newest_pack_deleted_with_its_log_entry_leaves_a_log_shorter_than_its_checkpoint()
    {
        await Api.NewLotAsync(_factory.ClientFor(Demo.ManufacturerKey), 3);
        var signed = await _factory.SignNowAsync();
        Execute("DELETE FROM events WHERE log_index = (SELECT MAX(log_index) FROM events)");
        Execute("DELETE FROM packs WHERE id = (SELECT MAX(id) FROM packs)");

        var audit = await Api.AuditAsync(_factory.ClientFor(Demo.RegulatorKey));

        Assert.False(audit.GetProperty("valid").GetBoolean());
        var problem = Assert.Single(audit.GetProperty("logProblems").EnumerateArray()).GetString();
        Assert.Contains($"fewer than the {signed.Size}", problem);
    }

    [Fact]
    public async Task Two_events_of_different_packs_swapped_in_the_log_do_not_match_the_checkpoint()
    {
        var manufacturer = _factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 2);
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[0], lot, expiry), "ship", to: Demo.WholesalerGln);
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[1], lot, expiry), "ship", to: Demo.WholesalerGln);
        await _factory.SignNowAsync();
        Execute("""
            UPDATE events SET log_index = -1 WHERE log_index = (SELECT MAX(log_index) FROM events);
            UPDATE events SET log_index = (SELECT MAX(log_index) + 1 FROM events) WHERE log_index = (SELECT MAX(log_index) FROM events);
            UPDATE events SET log_index = (SELECT MAX(log_index) - 1 FROM events) WHERE log_index = -1;
            """);

        var audit = await Api.AuditAsync(_factory.ClientFor(Demo.RegulatorKey));

        Assert.False(audit.GetProperty("valid").GetBoolean());
        Assert.Empty(audit.GetProperty("violations").EnumerateArray());
        Assert.Contains("hash to root", Assert.Single(audit.GetProperty("logProblems").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task An_untouched_ledger_with_its_checkpoint_is_valid()
    {
        await DispensedPackAsync();
        var signed = await _factory.SignNowAsync();
        var audit = await Api.AuditAsync(_factory.ClientFor(Demo.RegulatorKey));
        Assert.True(audit.GetProperty("valid").GetBoolean(), audit.ToString());
        Assert.Equal(signed.Size, audit.GetProperty("checkpointSize").GetInt64());
    }

    private async Task<(string Gtin, string Serial)> DispensedPackAsync()
    {
        var pack = await Api.PackAtPharmacyAsync(_factory.ClientFor(Demo.ManufacturerKey), _factory.ClientFor(Demo.PharmacyKey), dispensed: true);
        return (pack.Gtin, pack.Serial);
    }

    private async Task<List<JsonElement>> ViolationsAsync()
    {
        var audit = await Api.AuditAsync(_factory.ClientFor(Demo.RegulatorKey));
        Assert.False(audit.GetProperty("valid").GetBoolean());
        return [.. audit.GetProperty("violations").EnumerateArray()];
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters) => Assert.True(_factory.ExecuteSql(sql, parameters) >= 1);

    public void Dispose() => _factory.Dispose();
}
