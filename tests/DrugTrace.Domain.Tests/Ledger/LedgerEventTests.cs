using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Tests.Ledger;

public class LedgerEventTests
{
    private static LedgerEvent Of(StreamKind stream, string key) => new()
    {
        Stream = stream, Gtin = stream == StreamKind.Pack ? "09506000134352" : "", Key = key, Seq = 0, Type = EventType.Commissioned,
        Actor = "4012345000009", OccurredAt = DateTimeOffset.UnixEpoch, RecordedAt = DateTimeOffset.UnixEpoch, PrevHash = Hash256.Zero,
    };

    [Fact]
    public void Only_a_case_event_has_an_sscc_and_it_is_its_key()
    {
        Assert.Equal("340987650000000013", Of(StreamKind.Case, "340987650000000013").Sscc);
        Assert.Null(Of(StreamKind.Pack, "SN1").Sscc);
    }
}
