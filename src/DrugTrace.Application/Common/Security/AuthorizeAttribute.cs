using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Common.Security;

/// <summary>Roles allowed to send a request; checked by the authorisation behaviour before its handler runs.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AuthorizeAttribute(params PartyRole[] roles) : Attribute
{
    public IReadOnlyList<PartyRole> Roles { get; } = roles;
}
