using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Common.Security;

/// <summary>The party behind the current request, resolved once by the authorisation behaviour.</summary>
public interface IActorContext
{
    Party Actor { get; }
}
