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
        else if (request.Name.Length > 200) yield return ("name", "The name is longer than 200 characters.");
        if (request.Form?.Length > 100) yield return ("form", "The form is longer than 100 characters.");
        if (request.Strength?.Length > 100) yield return ("strength", "The strength is longer than 100 characters.");
    }
}

public sealed class RegisterProductHandler(ICatalogStore catalog, IActorContext context) : IRequestHandler<RegisterProduct, Product>
{
    public async ValueTask<Product> Handle(RegisterProduct request, CancellationToken cancellationToken)
    {
        var product = new Product(
            Gtin.Parse(request.Gtin).Value,
            request.Name.Trim(),
            Blank(request.Form),
            Blank(request.Strength),
            context.Actor.Gln);
        await catalog.AddProductAsync(product, cancellationToken);
        return product;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
