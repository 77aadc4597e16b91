using DrugTrace.Domain.Packs;
using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrugTrace.Application.Tests.Alerts;

public sealed class AlertChangeDeliveryTests
{
    private static readonly Alert Sample = new()
    {
        Id = 7, Kind = AlertKind.UnknownSerial, Severity = Severity.Critical, Message = "m", Action = PackAction.Verify, ScannedCode = "c",
        ScanningParty = "4055555000018", RaisedAt = DateTimeOffset.UnixEpoch, LastSeenAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task A_failing_sink_is_tried_again_after_growing_pauses_and_the_others_get_the_change_once()
    {
        var flaky = new Sink(failFirst: 3);
        var steady = new Sink();
        var pauses = new List<int>();

        await AlertChangeDelivery.DeliverAsync([flaky, steady], Sample, isNew: true,
            (failures, _) => { pauses.Add(failures); return Task.CompletedTask; }, NullLogger.Instance, default);

        Assert.Equal([1, 2, 3], pauses);
        Assert.Equal(4, flaky.Calls);
        Assert.Equal([(7L, true)], flaky.Taken);
        Assert.Equal([(7L, true)], steady.Taken);
    }

    [Fact]
    public async Task Stopping_ends_the_retries()
    {
        using var stop = new CancellationTokenSource();
        var dead = new Sink(failFirst: int.MaxValue);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AlertChangeDelivery.DeliverAsync([dead], Sample, isNew: false,
            (failures, ct) =>
            {
                if (failures == 2) stop.Cancel();
                ct.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            }, NullLogger.Instance, stop.Token));

        Assert.Equal(2, dead.Calls);
    }

    [Fact]
    public async Task A_sink_that_fails_once_stopping_has_begun_lets_its_error_out_without_a_pause()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var dead = new Sink(failFirst: int.MaxValue);
        var pauses = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AlertChangeDelivery.DeliverAsync([dead], Sample, isNew: false,
            (_, _) => { pauses++; return Task.CompletedTask; }, NullLogger.Instance, stop.Token));

        Assert.Equal("down", error.Message);
        Assert.Equal((1, 0), (dead.Calls, pauses));
    }

    private sealed class Sink(int failFirst = 0) : IAlertChangeSink
    {
        public int Calls { get; private set; }
        public List<(long, bool)> Taken { get; } = [];

        public ValueTask AcceptAsync(Alert alert, bool isNew, CancellationToken cancellationToken)
        {
            if (++Calls <= failFirst) return ValueTask.FromException(new InvalidOperationException("down"));
            Taken.Add((alert.Id, isNew));
            return ValueTask.CompletedTask;
        }
    }
}
