using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using Mediator;

namespace DrugTrace.Application.Products;

/// <summary>A manufacturer registers a medicine under its GTIN; it becomes the brand owner.</summary>
public sealed record RegisterProduct(string ActorGln, string Gtin, string Name, string? Form, string? Strength)
    : IRequest<Product>, IActorRequest;

public sealed class RegisterProductValidator : IValidator<RegisterProduct>
{
    public IEnumerable<(string Field, string Message)> Validate(RegisterProduct request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (string.IsNullOrWhiteSpace(request.Name)) yield return ("name", "The product needs a name.");
        else if (FreeText.Error("name", request.Name, 200) is { } name) yield return ("name", name);
        if (FreeText.Error("form", request.Form, 100) is { } form) yield return ("form", form);
        if (FreeText.Error("strength", request.Strength, 100) is { } strength) yield return ("strength", strength);
    }
}

public sealed class RegisterProductHandler(ICatalogStore catalog, IPartyStore parties, IActorContext context) : IRequestHandler<RegisterProduct, Product>
{
    public async ValueTask<Product> Handle(RegisterProduct request, CancellationToken cancellationToken)
    {
        var gtin = Gtin.Parse(request.Gtin).Value;
        // A GTIN belongs to the company whose GS1 prefix it carries: no one registers another company's numbers.
        var prefixes = await parties.CompanyPrefixesAsync(context.Actor.Gln, cancellationToken);
        if (!Gs1Fields.IsUnder(gtin, prefixes))
            throw new ForbiddenAccessException(prefixes.Count == 0
                ? $"{context.Actor.Name} has no GS1 company prefix registered, so it cannot register GTINs; a regulator records its prefixes."
                : $"GTIN {gtin} is not under {context.Actor.Name}'s GS1 company prefixes ({string.Join(", ", prefixes)}).");
        var product = new Product(
            gtin,
            request.Name.Trim(),
            Blank(request.Form),
            Blank(request.Strength),
            context.Actor.Gln);
        await catalog.AddProductAsync(product, cancellationToken);
        return product;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
