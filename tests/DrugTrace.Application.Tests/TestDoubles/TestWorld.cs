using DrugTrace.Application.Alerts;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>A small supply chain on the in-memory stores: one product per manufacturer, a lot helper and the scan flow.</summary>
public sealed class TestWorld
{
    public const string Gtin = "09506000134352";
    public const string OtherGtin = "09506000134369";
    public const string UnregisteredGtin = "09506000134376";

    public static readonly Party Maker = new("4012345000016", "Acme Pharma", PartyRole.Manufacturer);
    public static readonly Party OtherMaker = new("4012345000023", "Other Pharma", PartyRole.Manufacturer);
    public static readonly Party Wholesaler = new("4098765000010", "Big Wholesale", PartyRole.Wholesaler);
    public static readonly Party OtherWholesaler = new("4098765000027", "Other Wholesale", PartyRole.Wholesaler);
    public static readonly Party Pharmacy = new("4055555000018", "Corner Pharmacy", PartyRole.Pharmacy);
    public static readonly Party OtherPharmacy = new("4055555000025", "High Street Pharmacy", PartyRole.Pharmacy);
    public static readonly Party Regulator = new("4000000000013", "Medicines Agency", PartyRole.Regulator);

    /// <summary>A valid GLN that no party has.</summary>
    public const string UnknownGln = "4999999999999";

    /// <summary>14 March 2026, with sub-millisecond ticks that must not reach the ledger.</summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero).AddTicks(1234);

    public static readonly DateOnly Expiry = new(2027, 12, 31);

    public TestWorld()
    {
        Ledger = new InMemoryLedgerStore(Catalog);
        Parties.Add(Maker, OtherMaker, Wholesaler, OtherWholesaler, Pharmacy, OtherPharmacy, Regulator);
        Catalog.AddProductAsync(new Product(Gtin, "Paracetamol 500 mg", "tablet", "500 mg", Maker.Gln), default).AsTask().GetAwaiter().GetResult();
        Catalog.AddProductAsync(new Product(OtherGtin, "Ibuprofen 200 mg", "tablet", "200 mg", OtherMaker.Gln), default).AsTask().GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock { get; } = new(Start);
    public InMemoryPartyStore Parties { get; } = new();
    public InMemoryCatalogStore Catalog { get; } = new();
    public InMemoryLedgerStore Ledger { get; }
    public InMemoryScanLog ScanLog { get; } = new();
    public InMemoryAlertStore Alerts { get; } = new();
    public RecordingPublisher Publisher { get; } = new();
    public InMemoryRecallNotices RecallNotices { get; } = new();

    internal static ActorContext ContextFor(Party actor) => new() { Actor = actor };

    public AlertRaiser AlertRaiser() => new(Alerts, Publisher, Options.Create(AlertOptions), Clock);

    public AlertOptions AlertOptions { get; } = new();

    public CaseReader CaseReader() => new(Ledger, Catalog);

    /// <summary>Packing into a case or pallet as <paramref name="actor"/>, SSCCs drawn from the actor's prefixes.</summary>
    public PackCaseHandler PackCase(Party actor) => new(Ledger, CaseReader(), new SsccAllocator(Ledger, Parties), ContextFor(actor), Clock);

    /// <summary>Ship and receive of a case or pallet by its SSCC, over the same stores as <see cref="Handoffs"/>.</summary>
    public CaseMoves CaseMoves() => new(Ledger, Catalog, CaseReader(), new PartyDirectory(Parties), AlertRaiser(), ScanLog, Clock);

    public PackHandoffs Handoffs() => new(Ledger, Catalog, new PartyDirectory(Parties), ScanLog, AlertRaiser(), Clock, Options.Create(AlertOptions));

    public ValueTask<ScanOutcome> ScanAsync(Party actor, string code, PackCommand command) =>
        Handoffs().HandleAsync(actor, code, command, CancellationToken.None);

    public async Task<LotCommissioned> CommissionAsync(string lot, int quantity, Party? maker = null, string gtin = Gtin, ISerialGenerator? serials = null)
    {
        var handler = new RegisterLotHandler(Catalog, Ledger, serials ?? new RandomSerialGenerator(), ContextFor(maker ?? Maker), Clock);
        return await handler.Handle(new RegisterLot((maker ?? Maker).Gln, gtin, lot, Expiry.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), quantity), CancellationToken.None);
    }

    /// <summary>The human-readable GS1 form a scanner or a person would type.</summary>
    public static string Code(string serial, string? lot = "LOT42", string gtin = Gtin, string? expiry = "271231") =>
        $"(01){gtin}{(expiry is null ? "" : $"(17){expiry}")}{(lot is null ? "" : $"(10){lot}")}(21){serial}";

    /// <summary>Commissions a lot and moves one pack to <paramref name="holder"/> through the real scan flow.</summary>
    public async Task<string> PackAtAsync(Party holder, string lot = "LOT42")
    {
        var serial = (await CommissionAsync(lot, 1)).Serials[0];
        if (holder == Maker) return serial;
        var code = Code(serial, lot);
        var via = holder.Role == PartyRole.Wholesaler ? holder : Wholesaler;
        await Expect(ScanOutcome.Ok, ScanAsync(Maker, code, new PackCommand(PackAction.Ship, via.Gln)));
        await Expect(ScanOutcome.Ok, ScanAsync(via, code, new PackCommand(PackAction.Receive)));
        if (via != holder)
        {
            await Expect(ScanOutcome.Ok, ScanAsync(via, code, new PackCommand(PackAction.Ship, holder.Gln)));
            await Expect(ScanOutcome.Ok, ScanAsync(holder, code, new PackCommand(PackAction.Receive)));
        }
        return serial;
    }

    private static async Task Expect(string verdict, ValueTask<ScanOutcome> scan)
    {
        var outcome = await scan;
        if (outcome.Verdict != verdict) throw new InvalidOperationException($"Setup scan answered {outcome.Verdict}: {outcome.Message}");
    }
}
