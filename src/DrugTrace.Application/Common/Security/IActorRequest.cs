namespace DrugTrace.Application.Common.Security;

/// <summary>
/// A request made by a party. The web layer fills <see cref="ActorGln"/> from the
/// authenticated caller, never from the request body.
/// </summary>
public interface IActorRequest
{
    string ActorGln { get; }
}
