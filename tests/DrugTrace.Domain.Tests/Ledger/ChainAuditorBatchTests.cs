using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Tests.Ledger;

/// <summary>Checking in parallel batches must find exactly what checking one event at a time finds.</summary>
public class ChainAuditorBatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Batches_of_any_size_report_the_same_violations_as_single_events(int batchSize)
    {
        var log = Log(packs: 40, eventsPerPack: 5);
        // Damage: an edited event, an edited hash, and a removed event.
        log[17] = log[17] with { Event = log[17].Event with { Reason = "edited" } };
        log[60] = log[60] with { Event = log[60].Event with { Hash = Hash256.Zero } };
        log.RemoveAt(120);

        var single = new ChainAuditor();
        foreach (var e in log) single.Observe(e.LogIndex, e.ChainId, e.Event);
        var batched = new ChainAuditor();
        foreach (var chunk in log.Chunk(batchSize)) batched.ObserveBatch(chunk);

        Assert.NotEmpty(single.Violations);
        Assert.Equal(single.Violations, batched.Violations);
        Assert.Equal((single.Events, single.Chains, single.PackChains), (batched.Events, batched.Chains, batched.PackChains));
    }

    [Fact]
    public void An_intact_log_in_batches_has_no_violation()
    {
        var auditor = new ChainAuditor();
        foreach (var chunk in Log(packs: 25, eventsPerPack: 3).Chunk(16)) auditor.ObserveBatch(chunk);
        Assert.Empty(auditor.Violations);
        Assert.Equal(75, auditor.Events);
        Assert.Equal(25, auditor.PackChains);
    }

    // Packs' events interleaved round-robin in the global log, as concurrent handoffs would be.
    private static List<AuditEntry> Log(int packs, int eventsPerPack)
    {
        var heads = new LedgerEvent?[packs];
        var log = new List<AuditEntry>();
        for (var seq = 0; seq < eventsPerPack; seq++)
        {
            for (var p = 0; p < packs; p++)
            {
                var e = EventHasher.Seal(new LedgerEvent
                {
                    Stream = StreamKind.Pack,
                    Gtin = "09506000134352",
                    Key = $"SN{p:D4}",
                    Seq = seq,
                    Type = seq == 0 ? EventType.Commissioned : EventType.Shipped,
                    Actor = "4012345000009",
                    To = seq == 0 ? null : "4098765000001",
                    Lot = seq == 0 ? "LOT1" : null,
                    Expiry = seq == 0 ? new DateOnly(2028, 1, 31) : null,
                    OccurredAt = T0.AddSeconds(log.Count),
                    RecordedAt = T0.AddSeconds(log.Count),
                    PrevHash = heads[p]?.Hash ?? Hash256.Zero,
                });
                heads[p] = e;
                log.Add(new AuditEntry(log.Count, p, e));
            }
        }
        return log;
    }
}
