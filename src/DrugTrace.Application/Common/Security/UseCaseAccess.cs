using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Common.Security;

/// <summary>
/// Who may send one use case's request: nobody needs to be signed in (<see cref="IsPublic"/>),
/// or a registered party with one of the <see cref="Roles"/>.
/// A pack handoff names its <see cref="Action"/>, whose roles are the domain's.
/// </summary>
public sealed record UseCaseAccess(Type Request, bool IsPublic, IReadOnlyList<PartyRole> Roles, PackAction? Action = null)
{
    public bool Allows(PartyRole role) => IsPublic || Roles.Contains(role);

    /// <summary>Every role may send it: the role check has nothing to refuse.</summary>
    public bool AnyParty => Roles.Count == Enum.GetValues<PartyRole>().Length;
}
