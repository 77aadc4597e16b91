using DrugTrace.Application.Audit;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Products;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// Issue #15: a pallet of 40 cases x 50 packs received with one scan of its SSCC, through the real
/// ReceivePack use case: 2,041 events (pallet, cases, packs) in one all-or-nothing transaction.
/// </summary>
public static class PalletReceive
{
    public const string WholesalerGln = "4012346000015";
    public const int Cases = 40;
    public const int PacksPerCase = 50;

    public static async Task<ScenarioResult> RunAsync(Scale scale, InProcessApp app)
    {
        var rounds = scale.Quick ? 1 : 3;
        var gtin = AppPaths.Gtin(90013);
        await app.Parties.AddAsync(new Party(Commission.ManufacturerGln, "Helvetia Pharma AG", PartyRole.Manufacturer), null, ["4012345"], default);
        await app.Parties.AddAsync(new Party(WholesalerGln, "Atlas Pharma Wholesale GmbH", PartyRole.Wholesaler), null, default);
        await app.Parties.AddAsync(new Party(Commission.RegulatorGln, "National Medicines Verification Authority", PartyRole.Regulator), null, default);
        await app.SendAsync(new RegisterProduct(Commission.ManufacturerGln, gtin, "Pallet benchmark tablets, 20", "tablet", "20 mg"));

        var receives = new List<TimeSpan>();
        var ships = new List<TimeSpan>();
        var packsMoved = 0;
        var wrong = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Untimed: commission 2,000 packs, pack 40 cases of 50 and the pallet of 40 cases at the manufacturer.
            var lot = await app.SendAsync(new RegisterLot(Commission.ManufacturerGln, gtin, $"P{round:D4}", "2030-12-31", Cases * PacksPerCase));
            var codes = lot.Serials.Select(s => $"(01){gtin}(17)301231(10)P{round:D4}(21){s}").ToArray();
            var caseCodes = new List<string>(Cases);
            for (var c = 0; c < Cases; c++)
            {
                var packed = await app.SendAsync(new PackCase(Commission.ManufacturerGln, codes[(c * PacksPerCase)..((c + 1) * PacksPerCase)]));
                caseCodes.Add($"(00){packed.Sscc}");
            }
            var pallet = await app.SendAsync(new PackCase(Commission.ManufacturerGln, caseCodes));
            var palletCode = $"(00){pallet.Sscc}";

            ScanOutcome? shipped = null, received = null;
            ships.Add(await Measure.TimeAsync(async () => shipped = await app.SendAsync(new ShipPack(Commission.ManufacturerGln, palletCode, WholesalerGln))));
            receives.Add(await Measure.TimeAsync(async () => received = await app.SendAsync(new ReceivePack(WholesalerGln, palletCode))));
            if (shipped?.Verdict != ScanOutcome.Ok || received?.Verdict != ScanOutcome.Ok || received.Case?.Packs != Cases * PacksPerCase) wrong++;

            // Every pack is now the wholesaler's (read back, untimed).
            var ledger = app.Get<ILedgerStore>();
            foreach (var serial in lot.Serials)
            {
                var pack = await ledger.FindPackAsync(gtin, serial, default);
                if (pack is not { Status: PackStatus.Active } || pack.Custodian != WholesalerGln) wrong++;
                else packsMoved++;
            }
        }
        var audit = await app.SendAsync(new AuditLedger(Commission.RegulatorGln));

        receives.Sort();
        ships.Sort();
        var median = receives[receives.Count / 2];
        var figures = new List<Figure>
        {
            new($"receive a pallet of {Cases} cases x {PacksPerCase} packs, one scan", "< 1 s",
                $"{Measure.Seconds(median)} median of {rounds} ({string.Join(", ", receives.Select(Measure.Seconds))}); "
                + $"{Measure.N(Cases * PacksPerCase / median.TotalSeconds)} packs/s", median < TimeSpan.FromSeconds(1)),
            new("ship the same pallet, one scan", "(reference)", $"{Measure.Seconds(ships[ships.Count / 2])} median of {rounds}", null),
            new("every pack received, the audit clean", "all", wrong == 0 && audit.IsValid
                ? $"all {Measure.N(packsMoved)} packs at the wholesaler; audit valid over {Measure.N(audit.Events)} events"
                : $"{wrong} wrong, audit {(audit.IsValid ? "valid" : "invalid: " + string.Join("; ", audit.Violations.Take(3).Select(v => v.Problem)))}",
                wrong == 0 && audit.IsValid, IsCorrectness: true),
        };
        var method = $"""
            The app's own services in process (as scenario 2, store: {app.Store.Describe()}, `Synchronous=FULL`). Per round,
            untimed: the manufacturer commissions {Cases * PacksPerCase:N0} packs, packs them into {Cases} cases of {PacksPerCase}
            (`PackCase`, SSCCs made under its company prefix) and the cases into one pallet, and ships the pallet with one scan of
            its SSCC (`ShipPack`; its time is shown for reference). Timed: the wholesaler's one `ReceivePack` of the pallet's
            `(00)` code, from the send to the answer: the use case reads the pallet, its cases and every pack with its lot, decides
            each pack's receive by the same rules as a single scan, and stores {Cases * PacksPerCase + Cases + 1:N0} hash-chained
            events (pallet, cases, packs, each with its Merkle leaf) in one transaction, all or none. Then, untimed, every pack is
            read back and the whole ledger audited (chains, replay, parent/child links).
            """;
        return new ScenarioResult("15. Receive a pallet (SSCC)", figures, method);
    }
}
