using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Decommissioning;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Decommissioning;

public sealed class DecommissionPackTests
{
    private readonly TestWorld _world = new();

    private ValueTask<ScanOutcome> DecommissionAsync(string serial, string? reason) =>
        new DecommissionPackHandler(_world.Handoffs(), ContextFor(Pharmacy)).Handle(new DecommissionPack(Pharmacy.Gln, Code(serial), reason), default);

    [Theory]
    [InlineData("destroyed", PackStatus.Destroyed)]
    [InlineData(" Stolen ", PackStatus.Stolen)]
    [InlineData("free-sample", PackStatus.FreeSample)]
    [InlineData("FreeSample", PackStatus.FreeSample)]
    public async Task The_holder_decommissions_with_a_reason_in_either_spelling(string reason, PackStatus status)
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        var outcome = await DecommissionAsync(serial, reason);

        Assert.Equal(ScanOutcome.Ok, outcome.Verdict);
        Assert.Equal(status, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("lost")]
    public async Task An_unknown_reason_is_refused_and_nothing_is_written(string? reason)
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var events = _world.Ledger.Log.Count;

        var error = await Assert.ThrowsAsync<ValidationException>(() => DecommissionAsync(serial, reason).AsTask());

        Assert.Equal([$"'{reason}' is not a decommission reason."], error.Errors["reason"]);
        Assert.Equal(events, _world.Ledger.Log.Count);
    }

    [Fact]
    public void The_validator_lists_the_reasons()
    {
        Assert.Equal(
            [("reason", "'lost' is not a decommission reason; use one of: destroyed, stolen, sample, free-sample, exported, locked.")],
            new DecommissionPackValidator().Validate(new DecommissionPack(Pharmacy.Gln, "x", "lost")));
        Assert.Empty(new DecommissionPackValidator().Validate(new DecommissionPack(Pharmacy.Gln, "x", "exported")));
    }
}
