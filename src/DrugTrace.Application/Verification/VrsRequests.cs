using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Verification;

/// <summary>What the VRS use cases share: the requester must name itself, and only GTINs of DrugTrace's manufacturers are answered.</summary>
internal static class VrsRequests
{
    /// <summary>reqGLN must be the authenticated requester's own GLN: a party cannot ask in another's name.</summary>
    public static void CheckRequester(Party actor, string? reqGln)
    {
        if (!Gln.TryParse(reqGln, out var gln, out var error))
            throw new ValidationException("reqGLN", $"reqGLN must be your GLN: {error}");
        if (gln.Value != actor.Gln)
            throw new ForbiddenAccessException($"reqGLN {gln.Value} is not the GLN of {actor.Name} ({actor.Gln}), whose key made this request.");
    }

    public static string ReadGtin(string? gtin) =>
        Gtin.TryParse(gtin, out var parsed, out var error) ? parsed.Value : throw new ValidationException("gtin", error);

    public static NotFoundException NotAnswered(string gtin) =>
        new($"DrugTrace does not answer for GTIN {gtin}: none of its manufacturers registered it.");
}
