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
    private static readonly DateTimeOffset At = new(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);

    public CheckpointsTests() => WithFakeUseCases().SignedInAs(PartyRole.Regulator, "4012349000012", "NMVA");

    private void NoWitnesses() => UseCases.On<GetWitnessOverview>(_ => new WitnessOverview([], false, []));

    [Fact]
    public void Lists_recent_checkpoints_with_who_signed_them()
    {
        var signer = NoteSigner.Generate("drugtrace.example/log");
        var text = new Checkpoint("drugtrace.example/log", 1234, Rfc6962.EmptyRoot).Text;
        var at = new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);
        NoWitnesses();
        UseCases.On<GetRecentCheckpoints>(_ => (IReadOnlyList<StoredCheckpoint>)[new StoredCheckpoint(1234, Rfc6962.EmptyRoot, at, text + "\n" + signer.SignatureLine(text))]);

        var cut = Render<Checkpoints>();

        var table = cut.Find("[data-testid=checkpoints]").TextContent;
        Assert.Contains("1,234", table);
        Assert.Contains("2026-12-01 22:00:00 UTC", table);
        Assert.Contains("drugtrace.example/log", table);
        Assert.Contains(Convert.ToBase64String(Rfc6962.EmptyRoot.ToBytes()), table);
    }

    [Fact]
    public void Lists_each_witness_with_its_last_answer_in_words()
    {
        UseCases.On<GetRecentCheckpoints>(_ => (IReadOnlyList<StoredCheckpoint>)[]);
        UseCases.On<GetWitnessOverview>(_ => new WitnessOverview(
            [
                new WitnessRow("https://w1.example/witness", "w1.example/witness", new WitnessAnswer("https://w1.example/witness", "w1.example/witness", 1234, 200, "cosigned size 1234", At)),
                new WitnessRow("https://w2.example/witness", "w2.example/witness", new WitnessAnswer("https://w2.example/witness", "w2.example/witness", 1300, 422, "refused the checkpoint of size 1234: answered 422", At)),
                new WitnessRow("https://w3.example/witness", "w3.example/witness", new WitnessAnswer("https://w3.example/witness", "w3.example/witness", 0, 0, "unreachable: connection refused", At)),
                new WitnessRow("https://w4.example/witness", "w4.example/witness", null),
            ], false, []));

        var rows = Render<Checkpoints>().FindAll("[data-testid=witnesses] tbody tr").Select(r => r.TextContent).ToList();

        Assert.Equal(4, rows.Count);
        Assert.Contains("w1.example/witness", rows[0]);
        Assert.Contains("cosigned", rows[0]);
        Assert.Contains("1,234", rows[0]);
        Assert.Contains("2026-12-01 22:00:00 UTC", rows[0]);
        Assert.Contains("refused (422)", rows[1]);
        Assert.Contains("unreachable", rows[2]);
        Assert.Contains("not contacted yet", rows[3]);
    }

    [Fact]
    public void A_witness_instance_lists_the_logs_it_cosigned()
    {
        UseCases.On<GetRecentCheckpoints>(_ => (IReadOnlyList<StoredCheckpoint>)[]);
        UseCases.On<GetWitnessOverview>(_ => new WitnessOverview([], true,
            [new WitnessedCheckpoint("drugtrace.example/log", 4321, Rfc6962.EmptyRoot, "note", At)]));

        var cut = Render<Checkpoints>();

        Assert.Contains("No witness is configured", cut.Find("[data-testid=no-witnesses]").TextContent);
        var witnessed = cut.Find("[data-testid=witnessed]").TextContent;
        Assert.Contains("drugtrace.example/log", witnessed);
        Assert.Contains("4,321", witnessed);
    }

    [Fact]
    public void Says_so_when_there_is_no_checkpoint_yet()
    {
        NoWitnesses();
        UseCases.On<GetRecentCheckpoints>(_ => (IReadOnlyList<StoredCheckpoint>)[]);
        Assert.Contains("not signed a checkpoint yet", Render<Checkpoints>().Find("[data-testid=none]").TextContent);
    }
}
