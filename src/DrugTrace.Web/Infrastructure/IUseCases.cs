using Mediator;

namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// How UI components run the application's use cases: the same Mediator requests as the API,
/// in-process, each in its own DI scope (a Blazor circuit lives long; a use case should not).
/// </summary>
public interface IUseCases
{
    Task<T> SendAsync<T>(IRequest<T> request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a write at most once for this <paramref name="idempotencyKey"/> (as the API's Idempotency-Key
    /// header does): a repeat gets the first answer and changes nothing. A fake without a store just sends.
    /// </summary>
    Task<T> SendOnceAsync<T>(IRequest<T> request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync(request, cancellationToken);
}
