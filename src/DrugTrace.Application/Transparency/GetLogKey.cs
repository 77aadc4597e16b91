using DrugTrace.Domain.Transparency;
using Mediator;

namespace DrugTrace.Application.Transparency;

/// <summary>The log's verifier key, <c>name+keyid+base64(0x01 || key)</c>: what anyone needs to check its checkpoints.</summary>
public sealed record GetLogKey : IRequest<string>;

public sealed class GetLogKeyHandler(NoteSigner signer) : IRequestHandler<GetLogKey, string>
{
    public ValueTask<string> Handle(GetLogKey request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(signer.Verifier.VerifierKey);
}
