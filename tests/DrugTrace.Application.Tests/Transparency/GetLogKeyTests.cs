using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Tests.Transparency;

public sealed class GetLogKeyTests
{
    [Fact]
    public async Task The_key_is_the_signers_verifier_key_and_verifies_its_notes()
    {
        var signer = NoteSigner.Generate("drugtrace.test/log");

        var key = await new GetLogKeyHandler(signer).Handle(new GetLogKey(), default);

        Assert.Equal(signer.Verifier.VerifierKey, key);
        Assert.True(SignedNote.Sign("drugtrace.test/log\n1\nAAAA\n", signer).Open([NoteVerifier.Parse(key)], out _).IsValid);
    }
}
