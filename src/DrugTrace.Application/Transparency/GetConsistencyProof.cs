using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Ledger;
using Mediator;

namespace DrugTrace.Application.Transparency;

/// <summary>The RFC 9162 consistency proof from the tree of <paramref name="From"/> leaves to the tree of <paramref name="To"/>.</summary>
public sealed record GetConsistencyProof(long From, long To) : IRequest<ConsistencyProof>;

public sealed record ConsistencyProof(long From, long To, IReadOnlyList<Hash256> Proof);

public sealed class GetConsistencyProofValidator : IValidator<GetConsistencyProof>
{
    public IEnumerable<(string Field, string Message)> Validate(GetConsistencyProof request)
    {
        if (request.From < 0) yield return ("from", "The first tree size must not be negative.");
        if (request.To < 0) yield return ("to", "The second tree size must not be negative.");
        if (request.From > request.To) yield return ("from", $"The first size ({request.From}) is larger than the second ({request.To}): a log only grows.");
    }
}

public sealed class GetConsistencyProofHandler(LogTree tree) : IRequestHandler<GetConsistencyProof, ConsistencyProof>
{
    public async ValueTask<ConsistencyProof> Handle(GetConsistencyProof request, CancellationToken cancellationToken)
    {
        var current = await tree.SizeAsync(cancellationToken);
        if (request.To > current)
            throw new ValidationException("to", $"The log holds {current} events; there is no tree of size {request.To}.");
        return new ConsistencyProof(request.From, request.To, await tree.ConsistencyAsync(request.From, request.To, cancellationToken));
    }
}
