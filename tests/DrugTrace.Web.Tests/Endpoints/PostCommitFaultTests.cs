using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>
/// Failures after a handoff's append, injected into the real app through DI: a scan log that
/// cannot write, an alert push loop that fails, a store that commits and loses the reply. Each
/// test shows the answer, the event in the pack's chain and the alerts. Its own app, since the
/// faults are armed for the whole host.
/// </summary>
public sealed class PostCommitFaultTests : IDisposable
{
    private readonly Faults _faults = new();
    private readonly FaultyFactory _factory;

    public PostCommitFaultTests() => _factory = new FaultyFactory(_faults);

    [Fact]
    public async Task A_dispense_whose_scan_log_fails_answers_ok_with_its_committed_event()
    {
        var (code, gtin, serial) = await PackAtPharmacyAsync();
        var pharmacy = _factory.ClientFor(Demo.PharmacyKey);
        _faults.ScanLogFails = true;

        var dispensed = await Api.ScanAsync(pharmacy, code, "dispense");

        Assert.True(_faults.ScanLogFailures > 0, "The scan log was never asked: the test proved nothing.");
        Assert.Equal("ok", dispensed.Verdict());
        var history = await pharmacy.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serial}");
        var last = history.GetProperty("events").EnumerateArray().Last();
        Assert.Equal("Dispensed", last.GetProperty("type").GetString());
        Assert.Equal(last.GetProperty("hash").GetString(), dispensed.GetProperty("event").GetProperty("hash").GetString());
        Assert.Empty(await AlertsOnAsync(gtin));
    }

    [Fact]
    public async Task An_alert_whose_push_fails_is_answered_stored_and_pushed_once_the_push_works()
    {
        var (gtin, lot, expiry, _) = await Api.NewLotAsync(_factory.ClientFor(Demo.ManufacturerKey), 1);
        await using var regulator = await AlertListener.ConnectAsync(_factory, Demo.RegulatorKey);
        _faults.SinkFailuresLeft = 2;

        var outcome = await Api.ScanAsync(_factory.ClientFor(Demo.PharmacyKey), Api.Code(gtin, "FAKE0000001", lot, expiry), "verify");

        Assert.Equal("alert", outcome.Verdict());
        var id = long.Parse(outcome.GetProperty("alerts")[0].GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var stored = await _factory.ClientFor(Demo.RegulatorKey).GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{id}");
        Assert.Equal("UnknownSerial", stored.GetProperty("kind").GetString());
        // The outbox retries the push until the push loop takes it.
        var pushed = await regulator.WaitForAsync((m, a) => m == "alertRaised" && a.GetProperty("id").GetInt64() == id);
        Assert.Equal("UnknownSerial", pushed.GetProperty("kind").GetString());
        Assert.Equal(2, _faults.SinkFailures);
        Assert.Single(regulator.Received, r => r.Alert.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task A_dispense_whose_reply_was_lost_after_the_commit_answers_ok_and_raises_no_alert_against_the_pharmacy()
    {
        var (code, gtin, serial) = await PackAtPharmacyAsync();
        var pharmacy = _factory.ClientFor(Demo.PharmacyKey);
        _faults.LoseNextDispenseReply = true;

        var dispensed = await Api.ScanAsync(pharmacy, code, "dispense");

        Assert.False(_faults.LoseNextDispenseReply, "The store never lost a reply: the test proved nothing.");
        Assert.Equal("ok", dispensed.Verdict());
        Assert.Empty(dispensed.GetProperty("alerts").EnumerateArray());
        var history = await pharmacy.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serial}");
        var events = history.GetProperty("events").EnumerateArray().ToList();
        Assert.Single(events, e => e.GetProperty("type").GetString() == "Dispensed");
        Assert.Equal(events[^1].GetProperty("hash").GetString(), dispensed.GetProperty("event").GetProperty("hash").GetString());
        Assert.Empty(await AlertsOnAsync(gtin));
        Assert.True((await Api.AuditAsync(_factory.ClientFor(Demo.RegulatorKey))).GetProperty("valid").GetBoolean());
    }

    private async Task<(string Code, string Gtin, string Serial)> PackAtPharmacyAsync()
    {
        var manufacturer = _factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var code = Api.Code(gtin, serials[0], lot, expiry);
        await Api.ScanAsync(manufacturer, code, "ship", to: Demo.PharmacyGln);
        Assert.Equal("ok", (await Api.ScanAsync(_factory.ClientFor(Demo.PharmacyKey), code, "receive")).Verdict());
        return (code, gtin, serials[0]);
    }

    private async Task<List<JsonElement>> AlertsOnAsync(string gtin) =>
        [.. (await _factory.ClientFor(Demo.RegulatorKey).GetFromJsonAsync<JsonElement>($"/api/v1/alerts?gtin={gtin}")).EnumerateArray()];

    public void Dispose() => _factory.Dispose();

    private sealed class Faults
    {
        private int _scanLogFailures, _sinkFailuresLeft, _sinkFailures;
        private volatile bool _loseNextDispenseReply;

        public volatile bool ScanLogFails;

        public int ScanLogFailures => Volatile.Read(ref _scanLogFailures);
        public int SinkFailures => Volatile.Read(ref _sinkFailures);

        public int SinkFailuresLeft { set => Volatile.Write(ref _sinkFailuresLeft, value); }

        public bool LoseNextDispenseReply { get => _loseNextDispenseReply; set => _loseNextDispenseReply = value; }

        public void ScanLogFailed() => Interlocked.Increment(ref _scanLogFailures);

        public bool TakeSinkFailure()
        {
            if (Interlocked.Decrement(ref _sinkFailuresLeft) < 0)
            {
                Interlocked.Increment(ref _sinkFailuresLeft);
                return false;
            }
            Interlocked.Increment(ref _sinkFailures);
            return true;
        }
    }

    private sealed class FaultyFactory(Faults faults) : DrugTraceFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                Decorate<IScanLog>(services, inner => new FailingScanLog(inner, faults));
                Decorate<IAlertChangeSink>(services, inner => new FlakySink(inner, faults));
                Decorate<ILedgerStore>(services, inner => new LostReplyLedger(inner, faults));
            });
        }

        private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
        {
            var original = services.Last(d => d.ServiceType == typeof(T));
            services.Remove(original);
            services.Add(ServiceDescriptor.Describe(typeof(T), sp => wrap((T)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))), original.Lifetime));
        }
    }

    private sealed class FailingScanLog(IScanLog inner, Faults faults) : IScanLog
    {
        public ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken)
        {
            if (!faults.ScanLogFails) return inner.RecordAsync(scan, cancellationToken);
            faults.ScanLogFailed();
            return ValueTask.FromException(new StoreUnavailableException("disk full", new IOException("No space left on device")));
        }

        public ValueTask<IReadOnlyList<(DateTimeOffset Hour, int Count)>> CountPerHourAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.CountPerHourAsync(since, cancellationToken);

        public ValueTask<IReadOnlyList<ScanSighting>> SightingsOfPackAsync(string gtin, string serial, DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.SightingsOfPackAsync(gtin, serial, since, cancellationToken);
    }

    private sealed class FlakySink(IAlertChangeSink inner, Faults faults) : IAlertChangeSink
    {
        public ValueTask AcceptAsync(Alert alert, bool isNew, CancellationToken cancellationToken) =>
            faults.TakeSinkFailure()
                ? ValueTask.FromException(new InvalidOperationException("The push loop is down."))
                : inner.AcceptAsync(alert, isNew, cancellationToken);
    }

    /// <summary>Commits a dispense, then throws as if the connection dropped before the reply.</summary>
    private sealed class LostReplyLedger(ILedgerStore inner, Faults faults) : ILedgerStore
    {
        public async ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken)
        {
            var appended = await inner.TryAppendAsync(e, newState, lotHead, cancellationToken);
            if (appended && e.Type == EventType.Dispensed && faults.LoseNextDispenseReply)
            {
                faults.LoseNextDispenseReply = false;
                throw new StoreUnavailableException("the connection to the store was lost", new IOException("Connection reset by peer"));
            }
            return appended;
        }

        public ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken) => inner.FindPackAsync(gtin, serial, cancellationToken);
        public ValueTask<IReadOnlyList<PackState>> ListPacksAsync(string gtin, string lot, int skip, int take, CancellationToken cancellationToken) =>
            inner.ListPacksAsync(gtin, lot, skip, take, cancellationToken);
        public ValueTask<int> CountPacksAsync(string gtin, string lot, CancellationToken cancellationToken) => inner.CountPacksAsync(gtin, lot, cancellationToken);
        public ValueTask<Domain.Cases.CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken) => inner.FindCaseAsync(sscc, cancellationToken);
        public ValueTask<CaseChildren> ListCaseChildrenAsync(string sscc, CancellationToken cancellationToken) => inner.ListCaseChildrenAsync(sscc, cancellationToken);
        public ValueTask<IReadOnlyList<StoredEvent>> GetChainAsync(StreamKind stream, string gtin, string key, CancellationToken cancellationToken) =>
            inner.GetChainAsync(stream, gtin, key, cancellationToken);
        public ValueTask CommissionAsync(LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken) =>
            inner.CommissionAsync(lot, lotEvent, packEvents, cancellationToken);
        public ValueTask<bool> TryAppendAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken) => inner.TryAppendAsync(e, newState, cancellationToken);
        public ValueTask<bool> TryAppendBatchAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken) =>
            inner.TryAppendBatchAsync(writes, cancellationToken);
        public IAsyncEnumerable<StoredChain> ReadChainsAsync(CancellationToken cancellationToken) => inner.ReadChainsAsync(cancellationToken);
    }
}
