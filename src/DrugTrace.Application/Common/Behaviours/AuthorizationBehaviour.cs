using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Parties;
using Mediator;

namespace DrugTrace.Application.Common.Behaviours;

/// <summary>
/// Resolves the acting party of every <see cref="IActorRequest"/> and checks its role against
/// the request's row of the <see cref="RoleMatrix"/>. Custody is checked by the handlers, which
/// know the pack.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(PartyDirectory parties, IActorContext context)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly UseCaseAccess? Rule = RoleMatrix.For(typeof(TMessage));

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IActorRequest request)
        {
            var actor = await parties.FindAsync(request.ActorGln, cancellationToken)
                ?? throw new UnauthenticatedException($"No party with GLN {request.ActorGln} is registered.");
            if (Rule is { AnyParty: false } && !Rule.Allows(actor.Role))
                throw new ForbiddenAccessException(
                    $"This needs the role {string.Join(" or ", Rule.Roles)}; {actor.Name} is a {actor.Role}.");
            ((ActorContext)context).Actor = actor;
        }
        else if (Rule is { IsPublic: false })
        {
            throw new InvalidOperationException($"{typeof(TMessage).Name} has roles but no actor.");
        }
        return await next(message, cancellationToken);
    }
}
