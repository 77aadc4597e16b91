using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>A sealed lot event and its packs' commissioning events, for tests that commission straight into the store.</summary>
internal static class TestLots
{
    public static ((LotState State, LedgerEvent Event) Lot, IReadOnlyList<LedgerEvent> Packs) Build(
        string gtin, string maker, DateTimeOffset now, string lotNumber, int quantity)
    {
        var expiry = new DateOnly(2029, 5, 31);
        var lotEvent = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Lot, Gtin = gtin, Key = lotNumber, Seq = 0, Type = EventType.LotRegistered, Actor = maker,
            Lot = lotNumber, Expiry = expiry, OccurredAt = now, RecordedAt = now, PrevHash = Hash256.Zero,
        });
        var packs = Enumerable.Range(0, quantity).Select(i => EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = gtin, Key = $"{lotNumber}S{i:D6}", Seq = 0, Type = EventType.Commissioned,
            Actor = maker, Lot = lotNumber, Expiry = expiry, OccurredAt = now, RecordedAt = now, PrevHash = Hash256.Zero,
        })).ToList();
        return ((new LotState(gtin, lotNumber, expiry, maker, new ChainHead(0, lotEvent.Hash)), lotEvent), packs);
    }
}
