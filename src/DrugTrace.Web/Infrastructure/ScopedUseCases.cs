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
}
