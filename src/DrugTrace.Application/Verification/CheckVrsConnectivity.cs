using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using Mediator;

namespace DrugTrace.Application.Verification;

/// <summary>VRS checkConnectivity: a requester checks that DrugTrace answers for a GTIN, and learns the responder (its brand owner).</summary>
public sealed record CheckVrsConnectivity(string ActorGln, string? Gtin, string? ReqGln) : IRequest<VrsConnectivity>, IActorRequest;

public sealed record VrsConnectivity(string ResponderGLN);

public sealed class CheckVrsConnectivityHandler(ICatalogStore catalog, IActorContext context) : IRequestHandler<CheckVrsConnectivity, VrsConnectivity>
{
    public async ValueTask<VrsConnectivity> Handle(CheckVrsConnectivity request, CancellationToken cancellationToken)
    {
        VrsRequests.CheckRequester(context.Actor, request.ReqGln);
        var gtin = VrsRequests.ReadGtin(request.Gtin);
        var product = await catalog.FindProductAsync(gtin, cancellationToken) ?? throw VrsRequests.NotAnswered(gtin);
        return new VrsConnectivity(product.Manufacturer);
    }
}
