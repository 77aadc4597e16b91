using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

/// <summary>Who is told who holds a pack: its custodian, the party it is shipped to, its brand owner and a regulator; no one else.</summary>
public sealed class HolderDisclosureTests
{
    private readonly TestWorld _world = new();

    [Fact]
    public async Task The_custodian_is_shown_to_the_involved_parties_and_withheld_from_others()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));

        async Task<string?> CustodianSeenBy(Party viewer) => (await _world.ScanAsync(viewer, Code(serial), new PackCommand(PackAction.Verify))).Pack!.Custodian;

        foreach (var involved in new[] { Wholesaler, Pharmacy, Maker, Regulator })
            Assert.Equal(Wholesaler.Gln, await CustodianSeenBy(involved));
        Assert.Null(await CustodianSeenBy(OtherPharmacy));
    }

    [Fact]
    public async Task An_uninvolved_viewer_reads_its_own_name_another_party_for_the_others_and_nothing_for_no_party()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var pack = (await _world.Ledger.FindPackAsync(Gtin, serial, default))!;
        static string Describe(string? gln) => $"name of {gln}";

        var uninvolved = HolderDisclosure.Names(OtherPharmacy, pack, Maker.Gln, Describe);
        Assert.Equal(("", $"name of {OtherPharmacy.Gln}", HolderDisclosure.Withheld), (uninvolved(null), uninvolved(OtherPharmacy.Gln), uninvolved(Pharmacy.Gln)));
        Assert.Equal("another party", HolderDisclosure.Withheld);

        var holder = HolderDisclosure.Names(Pharmacy, pack, Maker.Gln, Describe);
        Assert.Equal($"name of {Wholesaler.Gln}", holder(Wholesaler.Gln));
    }
}
