using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>Edits the SQLite file behind the app's back, as an insider with disk access could, and expects the audit to say where.</summary>
public sealed class TamperTests : IDisposable
{
    private readonly DrugTraceFactory _factory = new();

    [Theory]
    [InlineData("UPDATE events SET reason = 'destroyed' WHERE log_index = $index")]
    [InlineData("UPDATE events SET actor = '4012347000014' WHERE log_index = $index")]
    [InlineData("UPDATE events SET occurred_at = occurred_at + 1 WHERE log_index = $index")]
    [InlineData("UPDATE events SET hash = zeroblob(32) WHERE log_index = $index")]
    [InlineData("UPDATE events SET to_gln = '5012347000013' WHERE log_index = $index")]
    public async Task An_edited_event_is_reported_by_pack_and_seq(string tamper)
    {
        var (gtin, serial, index) = await ShippedPackAsync();
        var regulator = _factory.ClientFor(Demo.RegulatorKey);
        Assert.True((await Api.AuditAsync(regulator)).GetProperty("valid").GetBoolean());

        Execute(tamper, index);

        var audit = await Api.AuditAsync(regulator);
        Assert.False(audit.GetProperty("valid").GetBoolean());
        // The altered link is named; an edited hash is also seen as a head that disagrees with its chain.
        var violations = audit.GetProperty("violations").EnumerateArray().ToList();
        Assert.NotEmpty(violations);
        Assert.All(violations, v =>
        {
            Assert.Equal(gtin, v.GetProperty("gtin").GetString());
            Assert.Equal(serial, v.GetProperty("serial").GetString());
            Assert.Equal(1, v.GetProperty("seq").GetInt32());
        });

        var history = await regulator.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serial}");
        Assert.False(history.GetProperty("chainVerified").GetBoolean());
    }

    [Fact]
    public async Task A_rewritten_prevHash_is_caught_even_when_the_event_is_rehashed_and_the_head_moved_along()
    {
        var (gtin, serial, index, otherSerial) = await ShippedPackAndNeighbourAsync();
        var regulator = _factory.ClientFor(Demo.RegulatorKey);
        var ledger = _factory.Services.GetRequiredService<ILedgerStore>();
        var chain = await ledger.GetChainAsync(StreamKind.Pack, gtin, serial, default);
        var shipped = chain[1].Event;

        // Splice the shipment onto another pack's first event, as an insider who knows the hashing
        // rule would: the event's own hash is recomputed and the pack's head follows it, so every
        // event is intact on its own and only the link from seq 0 to seq 1 is broken.
        var foreign = (await ledger.GetChainAsync(StreamKind.Pack, gtin, otherSerial, default))[0].Event.Hash;
        var forged = EventHasher.Seal(shipped with { PrevHash = foreign });
        Assert.Equal(forged.Hash, EventHasher.ComputeHash(forged));
        using (var connection = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            Run(connection, "UPDATE events SET prev_hash = $prev, hash = $hash WHERE log_index = $index",
                ("$prev", foreign.ToBytes()), ("$hash", forged.Hash.ToBytes()), ("$index", index));
            Run(connection, "UPDATE packs SET head_hash = $hash WHERE gtin = $gtin AND serial = $serial",
                ("$hash", forged.Hash.ToBytes()), ("$gtin", gtin), ("$serial", serial));
            transaction.Commit();
        }
        Assert.Equal(forged, (await ledger.GetChainAsync(StreamKind.Pack, gtin, serial, default))[1].Event);

        var audit = await Api.AuditAsync(regulator);
        Assert.False(audit.GetProperty("valid").GetBoolean());
        var violation = Assert.Single(audit.GetProperty("violations").EnumerateArray());
        Assert.Equal(gtin, violation.GetProperty("gtin").GetString());
        Assert.Equal(serial, violation.GetProperty("serial").GetString());
        Assert.Equal(1, violation.GetProperty("seq").GetInt32());
        Assert.Equal("prevHash does not match the hash of seq 0", violation.GetProperty("problem").GetString());

        var history = await regulator.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serial}");
        Assert.False(history.GetProperty("chainVerified").GetBoolean());
    }

    [Fact]
    public async Task A_deleted_event_is_reported_as_a_gap()
    {
        var (_, serial, index) = await ShippedPackAsync();
        Execute("DELETE FROM events WHERE log_index = $index", index);
        var audit = await Api.AuditAsync(_factory.ClientFor(Demo.RegulatorKey));
        // The log names the index no event holds; the pack's row still points at the deleted event.
        Assert.Contains(audit.GetProperty("logProblems").EnumerateArray(), p => p.GetString() == $"the log holds no event at index {index}: an event was deleted or moved");
        Assert.All(audit.GetProperty("violations").EnumerateArray(), v => Assert.Equal(serial, v.GetProperty("serial").GetString()));
        Assert.Contains(audit.GetProperty("violations").EnumerateArray(), v => v.GetProperty("problem").GetString()!.Contains("the chain ends at seq 0"));
    }

    private async Task<(string Gtin, string Serial, long LogIndex)> ShippedPackAsync()
    {
        var (gtin, serial, index, _) = await ShippedPackAndNeighbourAsync();
        return (gtin, serial, index);
    }

    // A pack shipped (its seq 1 at the returned log index) and the other pack of its lot, shipped after it.
    private async Task<(string Gtin, string Serial, long LogIndex, string OtherSerial)> ShippedPackAndNeighbourAsync()
    {
        var manufacturer = _factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 2);
        var shipped = await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[0], lot, expiry), "ship", to: Demo.WholesalerGln);
        Assert.Equal("ok", shipped.Verdict());
        // One more event after it, so that the edited one is not the last in the log.
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[1], lot, expiry), "ship", to: Demo.WholesalerGln);
        var history = await manufacturer.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serials[0]}");
        return (gtin, serials[0], history.GetProperty("events")[1].GetProperty("logIndex").GetInt64(), serials[1]);
    }

    private void Execute(string sql, long index) => Assert.Equal(1, _factory.ExecuteSql(sql, ("$index", index)));

    private static void Run(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        Assert.Equal(1, DrugTraceFactory.ExecuteSql(connection, sql, parameters));

    public void Dispose() => _factory.Dispose();
}
