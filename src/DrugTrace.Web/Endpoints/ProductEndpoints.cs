using System.Security.Claims;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Products;
using DrugTrace.Web.Endpoints.Contracts;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class ProductEndpoints
{
    public static RouteGroupBuilder MapProductEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/products").WithTags("Products");
        group.MapPost("/", async (NewProduct body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var product = await mediator.Send(new RegisterProduct(user.GlnOf(), body.Gtin ?? "", body.Name ?? "", body.Form, body.Strength), ct);
                return Results.Created($"/api/v1/products/{product.Gtin}", product);
            })
            .WithSummary("Register a product (manufacturer): the caller becomes its brand owner.");
        group.MapGet("/", async (ClaimsPrincipal user, ICatalogStore catalog, CancellationToken ct) =>
                await catalog.ListProductsAsync(user.IsInRole("Manufacturer") ? user.GlnOf() : null, ct))
            .WithSummary("List products: a manufacturer sees its own, everyone else all.");
        return api;
    }
}
