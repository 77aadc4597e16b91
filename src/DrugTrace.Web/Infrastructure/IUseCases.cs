using Mediator;

namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// How UI components run the application's use cases: the same Mediator requests as the API,
/// in-process, each in its own DI scope (a Blazor circuit lives long; a use case should not).
/// </summary>
public interface IUseCases
{
    Task<T> SendAsync<T>(IRequest<T> request, CancellationToken cancellationToken = default);
}
