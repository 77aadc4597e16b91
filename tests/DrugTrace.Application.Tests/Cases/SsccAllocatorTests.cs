using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Cases;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Cases;

/// <summary><see cref="SsccAllocator"/>: SSCCs drawn under the first prefix, and one given checked against every prefix and the ledger.</summary>
public sealed class SsccAllocatorTests
{
    private readonly TestWorld _world = new();

    private SsccAllocator Allocator() => new(_world.Ledger, _world.Parties);

    [Fact]
    public async Task Without_registered_prefixes_the_glns_first_seven_digits_are_the_prefix()
    {
        Assert.Equal(["4012345"], await Allocator().PrefixesAsync(Maker, default));
        var drawn = await Allocator().NewAsync(Maker, default);
        Assert.StartsWith("04012345", drawn.Value);
    }

    [Fact]
    public async Task A_new_sscc_is_drawn_under_the_first_registered_prefix()
    {
        _world.Parties.SetPrefixes(Maker.Gln, "4012346", "4012345");
        Assert.Equal(["4012346", "4012345"], await Allocator().PrefixesAsync(Maker, default));
        for (var i = 0; i < 5; i++) Assert.StartsWith("04012346", (await Allocator().NewAsync(Maker, default)).Value);
    }

    [Fact]
    public async Task A_given_sscc_must_be_under_one_of_the_prefixes_and_unused()
    {
        _world.Parties.SetPrefixes(Maker.Gln, "4012346", "4012345");
        var second = Sscc.Create(3, "4012345", 77);
        Assert.Equal(second, await Allocator().CheckGivenAsync(Maker, second, default));

        var foreign = Sscc.Create(0, "4098765", 1);
        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await Allocator().CheckGivenAsync(Maker, foreign, default));
        Assert.Equal(("sscc", $"SSCC {foreign.Value} is not under your GS1 company prefix (4012346, 4012345); leave it out to have one made."),
            (Assert.Single(refused.Errors).Key, refused.Errors["sscc"].Single()));

        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await new PackCaseHandler(_world.Ledger, _world.CaseReader(), Allocator(), ContextFor(Maker), _world.Clock)
            .Handle(new PackCase(Maker.Gln, [Code(serial)], second.Value), default);
        var used = await Assert.ThrowsAsync<ConflictException>(async () => await Allocator().CheckGivenAsync(Maker, second, default));
        Assert.Equal($"SSCC {second.Value} is already used; an SSCC names one case for good.", used.Message);
    }

    [Fact]
    public async Task A_ledger_in_which_every_drawn_sscc_is_taken_gives_up_after_eight_draws()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var taken = await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, [Code(serial)], null), default);
        var full = new FullLedger(_world.Ledger, (await _world.Ledger.FindCaseAsync(taken.Sscc, default))!);

        var refused = await Assert.ThrowsAsync<ConflictException>(async () => await new SsccAllocator(full, _world.Parties).NewAsync(Maker, default));

        Assert.Equal("No unused SSCC could be drawn; try again.", refused.Message);
        Assert.Equal(8, full.Reads);
    }

    /// <summary>Every SSCC asked for is in use.</summary>
    private sealed class FullLedger(InMemoryLedgerStore inner, CaseState any) : DelegatingLedgerStore(inner)
    {
        public int Reads { get; private set; }

        public override ValueTask<CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken)
        {
            Reads++;
            return ValueTask.FromResult<CaseState?>(any);
        }
    }
}
