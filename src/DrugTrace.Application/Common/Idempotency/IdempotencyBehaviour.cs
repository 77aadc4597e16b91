using System.Text.Json;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Domain.Ledger;
using Mediator;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Common.Idempotency;

/// <summary>
/// Runs a request that came with an <c>Idempotency-Key</c> at most once per calling party and key:
/// the first claims the key in the store (atomically, so that of two at once only one runs) and
/// keeps its answer; a repeat of the same request gets that answer and writes nothing; the same key
/// with another request is refused (422), and a repeat while the first still runs is told so (409).
/// It runs after authorisation and validation, so a repeat is checked like the first.
/// Failures are not kept: a request that threw stored nothing, so its key is released and a repeat runs again.
/// </summary>
public sealed class IdempotencyBehaviour<TMessage, TResponse>(
    IIdempotencyContext context,
    IIdempotencyStore store,
    IOptions<IdempotencyOptions> options,
    TimeProvider clock) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (context.Take() is not { } key) return await next(message, cancellationToken);
        if (message is not IActorRequest request)
            throw new InvalidOperationException($"{typeof(TMessage).Name} has no calling party to keep an {IdempotencyKey.Header} for.");

        // Both stores keep milliseconds; the claim is matched by its time later.
        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        var claim = new IdempotencyClaim(request.ActorGln, key.Value, RequestFingerprint.Of(message), now,
            now - options.Value.Retention, now - options.Value.AbandonedAfter);
        if (await store.ClaimAsync(claim, cancellationToken) is { } held) return Replay(held, claim);

        TResponse response;
        try
        {
            // Once claimed, the request runs to its end even if the caller hangs up: its answer is what the retry gets.
            response = await next(message, CancellationToken.None);
        }
        catch
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }
        await store.CompleteAsync(claim, JsonSerializer.Serialize(response, RequestFingerprint.Json), CancellationToken.None);
        return response;
    }

    private static TResponse Replay(IdempotencyEntry held, IdempotencyClaim claim)
    {
        if (held.RequestHash != claim.RequestHash)
            throw new IdempotencyKeyReusedException(
                $"The {IdempotencyKey.Header} '{claim.Key}' was used at {held.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC for another request. "
                + "Nothing was done: send a new key for a new request.");
        if (held.Answer is null)
            throw new RequestInProgressException(
                $"The first request with {IdempotencyKey.Header} '{claim.Key}' is still running. Nothing more was done: repeat it in a moment to get its answer.");
        return JsonSerializer.Deserialize<TResponse>(held.Answer, RequestFingerprint.Json)
            ?? throw new InvalidOperationException($"The stored answer for {IdempotencyKey.Header} '{claim.Key}' is empty.");
    }
}
