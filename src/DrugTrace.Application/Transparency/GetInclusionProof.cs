using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Ledger;
using Mediator;

namespace DrugTrace.Application.Transparency;

/// <summary>The RFC 9162 inclusion proof of leaf <paramref name="Index"/> in the tree of <paramref name="Size"/> leaves.</summary>
public sealed record GetInclusionProof(long Index, long Size) : IRequest<InclusionProof>;

public sealed record InclusionProof(long Index, long Size, Hash256 LeafHash, IReadOnlyList<Hash256> Proof);

public sealed class GetInclusionProofValidator : IValidator<GetInclusionProof>
{
    public IEnumerable<(string Field, string Message)> Validate(GetInclusionProof request)
    {
        if (request.Size < 1) yield return ("size", "The tree size must be at least 1.");
        if (request.Index < 0) yield return ("index", "The leaf index must not be negative.");
        else if (request.Index >= request.Size) yield return ("index", $"Leaf {request.Index} is not in a tree of size {request.Size}: the index must be below the size.");
    }
}

public sealed class GetInclusionProofHandler(LogTree tree) : IRequestHandler<GetInclusionProof, InclusionProof>
{
    public async ValueTask<InclusionProof> Handle(GetInclusionProof request, CancellationToken cancellationToken)
    {
        var current = await tree.SizeAsync(cancellationToken);
        if (request.Size > current)
            throw new ValidationException("size", $"The log holds {current} events; there is no tree of size {request.Size}.");
        var (leaf, proof) = await tree.InclusionAsync(request.Index, request.Size, cancellationToken);
        return new InclusionProof(request.Index, request.Size, leaf, proof);
    }
}
