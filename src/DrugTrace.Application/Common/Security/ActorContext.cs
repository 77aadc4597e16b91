using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Common.Security;

internal sealed class ActorContext : IActorContext
{
    private Party? _actor;

    public Party Actor
    {
        get => _actor ?? throw new InvalidOperationException("The actor is set by the authorisation behaviour before a handler runs.");
        set => _actor = value;
    }
}
