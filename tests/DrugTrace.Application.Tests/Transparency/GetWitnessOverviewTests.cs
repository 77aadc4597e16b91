using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Application.Witness;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Tests.Transparency;

public sealed class GetWitnessOverviewTests
{
    private readonly InMemoryWitnessAnswers _answers = new();
    private readonly InMemoryWitnessStore _witnessed = new();
    private readonly LogOptions _log = new()
    {
        Witnesses =
        [
            new() { Url = "https://a.example/add-checkpoint", Key = "a.example/witness+12345678+AAAA" },
            new() { Url = "https://b.example/add-checkpoint", Key = "b.example/witness+87654321+BBBB" },
        ],
    };

    private Task<WitnessOverview> Get(bool isWitness) =>
        new GetWitnessOverviewHandler(Options.Create(_log), Options.Create(new WitnessOptions { Enabled = isWitness }), _answers, _witnessed)
            .Handle(new GetWitnessOverview(TestWorld.Regulator.Gln), default).AsTask();

    [Fact]
    public async Task Each_witness_is_listed_with_its_key_name_and_its_last_answer_if_any()
    {
        var answer = new WitnessAnswer("https://b.example/add-checkpoint", "b.example/witness", 7, 200, "cosigned size 7", TestWorld.Start);
        await _answers.SaveAsync(answer, default);
        await _answers.SaveAsync(answer with { Url = "https://gone.example/add-checkpoint" }, default);

        var overview = await Get(isWitness: false);

        Assert.Equal(
            [new WitnessRow("https://a.example/add-checkpoint", "a.example/witness", null), new WitnessRow("https://b.example/add-checkpoint", "b.example/witness", answer)],
            overview.Witnesses);
    }

    [Fact]
    public async Task The_logs_witnessed_are_listed_only_when_this_instance_is_a_witness()
    {
        var checkpoint = new WitnessedCheckpoint("other.example/log", 3, Rfc6962.EmptyRoot, "note", TestWorld.Start);
        _witnessed.Put(checkpoint);

        var off = await Get(isWitness: false);
        Assert.False(off.IsWitness);
        Assert.Empty(off.Witnessed);

        var on = await Get(isWitness: true);
        Assert.True(on.IsWitness);
        Assert.Equal([checkpoint], on.Witnessed);
    }
}
