using DrugTrace.Domain.Transparency;
using Mediator;

namespace DrugTrace.Application.Witness;

/// <summary>The witness's cosignature/v1 verifier key, <c>name+keyid+base64(0x04 || key)</c>.</summary>
public sealed record GetWitnessKey : IRequest<string>;

public sealed class GetWitnessKeyHandler(Cosigner cosigner) : IRequestHandler<GetWitnessKey, string>
{
    public ValueTask<string> Handle(GetWitnessKey request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(cosigner.Verifier.VerifierKey);
}
