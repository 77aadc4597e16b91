using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Idempotency;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Application.Verification;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Common.Idempotency;

/// <summary>A request with an Idempotency-Key runs once; a repeat gets the first answer, another request under the key is refused.</summary>
public sealed class IdempotencyBehaviourTests
{
    private readonly InMemoryIdempotencyStore _store = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly IdempotencyOptions _options = new() { Retention = TimeSpan.FromHours(24), AbandonedAfter = TimeSpan.FromMinutes(5) };
    private int _runs;

    private async Task<VrsConnectivity> SendAsync(CheckVrsConnectivity request, string? key, Func<VrsConnectivity>? answer = null)
    {
        var context = new IdempotencyContext();
        context.Use(key);
        var behaviour = new IdempotencyBehaviour<CheckVrsConnectivity, VrsConnectivity>(context, _store, Options.Create(_options), _clock);
        return await behaviour.Handle(request, (_, _) =>
        {
            _runs++;
            return ValueTask.FromResult((answer ?? (() => new VrsConnectivity($"answer {_runs}")))());
        }, default);
    }

    private static CheckVrsConnectivity Request(string gtin = Gtin) => new(Pharmacy.Gln, gtin, Pharmacy.Gln);

    [Fact]
    public async Task Without_a_key_every_request_runs()
    {
        Assert.Equal("answer 1", (await SendAsync(Request(), null)).ResponderGLN);
        Assert.Equal("answer 2", (await SendAsync(Request(), null)).ResponderGLN);
        Assert.Empty(_store.Claims);
    }

    [Fact]
    public async Task A_repeat_gets_the_first_answer_and_does_not_run()
    {
        var first = await SendAsync(Request(), "k1");
        var again = await SendAsync(Request(), "\"k1\"");

        Assert.Equal(first, again);
        Assert.Equal(1, _runs);
        var claim = _store.Claims[0];
        Assert.Equal((Pharmacy.Gln, "k1"), (claim.Actor, claim.Key));
        Assert.Equal(Start.AddTicks(-(Start.Ticks % TimeSpan.TicksPerMillisecond)), claim.At);
        Assert.Equal((claim.At - TimeSpan.FromHours(24), claim.At - TimeSpan.FromMinutes(5)), (claim.ExpiredBefore, claim.AbandonedBefore));
    }

    [Fact]
    public async Task The_same_key_for_another_request_is_refused_and_nothing_runs()
    {
        await SendAsync(Request(), "k1");

        var error = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => SendAsync(Request(OtherGtin), "k1"));

        Assert.Equal("The Idempotency-Key 'k1' was used at 2026-03-14 09:26:53 UTC for another request. Nothing was done: send a new key for a new request.", error.Message);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task A_repeat_while_the_first_runs_is_told_so()
    {
        VrsConnectivity? inner = null;
        await SendAsync(Request(), "k1", () =>
        {
            var error = Assert.ThrowsAsync<RequestInProgressException>(() => SendAsync(Request(), "k1")).GetAwaiter().GetResult();
            Assert.Equal("The first request with Idempotency-Key 'k1' is still running. Nothing more was done: repeat it in a moment to get its answer.", error.Message);
            return inner = new VrsConnectivity("first");
        });
        Assert.NotNull(inner);
        Assert.Equal("first", (await SendAsync(Request(), "k1")).ResponderGLN);
    }

    [Fact]
    public async Task A_request_that_failed_releases_its_key_so_a_repeat_runs()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(Request(), "k1", () => throw new InvalidOperationException("boom")));
        Assert.Empty(_store.Entries);

        Assert.Equal("answer 2", (await SendAsync(Request(), "k1")).ResponderGLN);
    }

    [Fact]
    public async Task Keys_are_per_party()
    {
        await SendAsync(Request(), "k1");
        await SendAsync(new CheckVrsConnectivity(Wholesaler.Gln, Gtin, Wholesaler.Gln), "k1");
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task After_the_retention_the_key_is_new_again()
    {
        await SendAsync(Request(), "k1");
        _clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal("answer 2", (await SendAsync(Request(OtherGtin), "k1")).ResponderGLN);
    }

    [Fact]
    public async Task A_request_without_a_calling_party_cannot_keep_a_key()
    {
        var context = new IdempotencyContext();
        context.Use("k1");
        var behaviour = new IdempotencyBehaviour<GetLogKey, string>(context, _store, Options.Create(_options), _clock);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => behaviour.Handle(new GetLogKey(), (_, _) => ValueTask.FromResult("key"), default).AsTask());

        Assert.Equal("GetLogKey has no calling party to keep an Idempotency-Key for.", error.Message);
        Assert.Empty(_store.Claims);
    }
}
