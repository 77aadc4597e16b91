using DrugTrace.Application.Common.Idempotency;
using Mediator;

namespace DrugTrace.Web.Infrastructure;

/// <summary>Sends each request through Mediator (and so its authorisation and validation behaviours) in a fresh scope.</summary>
public sealed class ScopedUseCases(IServiceScopeFactory scopes) : IUseCases
{
    public async Task<T> SendAsync<T>(IRequest<T> request, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    public async Task<T> SendOnceAsync<T>(IRequest<T> request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIdempotencyContext>().Use(idempotencyKey);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }
}
