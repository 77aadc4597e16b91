using Bunit;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Transparency;
using DrugTrace.Web.Components.Pages.Regulator;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components.Pages.Regulator;

public sealed class CheckpointsTests : UiContext
{
    public CheckpointsTests() => WithFakeUseCases().SignedInAs(PartyRole.Regulator, "4012349000012", "NMVA");

    [Fact]
    public void Lists_recent_checkpoints_with_who_signed_them()
    {
        var signer = NoteSigner.Generate("drugtrace.example/log");
        var text = new Checkpoint("drugtrace.example/log", 1234, Rfc6962.EmptyRoot).Text;
        var at = new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);
        UseCases.On<GetRecentCheckpoints>(_ => (IReadOnlyList<StoredCheckpoint>)[new StoredCheckpoint(1234, Rfc6962.EmptyRoot, at, text + "\n" + signer.SignatureLine(text))]);

        var cut = Render<Checkpoints>();

        var table = cut.Find("[data-testid=checkpoints]").TextContent;
        Assert.Contains("1,234", table);
        Assert.Contains("2026-12-01 22:00:00 UTC", table);
        Assert.Contains("drugtrace.example/log", table);
        Assert.Contains(Convert.ToBase64String(Rfc6962.EmptyRoot.ToBytes()), table);
    }

    [Fact]
    public void Says_so_when_there_is_no_checkpoint_yet()
    {
        UseCases.On<GetRecentCheckpoints>(_ => (IReadOnlyList<StoredCheckpoint>)[]);
        Assert.Contains("not signed a checkpoint yet", Render<Checkpoints>().Find("[data-testid=none]").TextContent);
    }
}
