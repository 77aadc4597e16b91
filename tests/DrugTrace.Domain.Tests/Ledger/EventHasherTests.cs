using System.Text;
using System.Text.Json.Nodes;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Tests.Ledger;

public class EventHasherTests
{
    private const string Gtin = "09506000134352";
    private const string Maker = "4012345000009";
    private const string Wholesaler = "4098765000001";

    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    private static LedgerEvent Commissioning() => new()
    {
        Stream = StreamKind.Pack,
        Gtin = Gtin,
        Key = "SN000123456",
        Seq = 0,
        Type = EventType.Commissioned,
        Actor = Maker,
        Lot = "LOT42",
        Expiry = new DateOnly(2027, 12, 31),
        OccurredAt = T0,
        RecordedAt = T0,
        PrevHash = Hash256.Zero,
    };

    // Vectors derived independently of this code base, with python3 from the spec of ARCHITECTURE.md 3:
    //   body = json.dumps(fields, sort_keys=True, separators=(',', ':'), ensure_ascii=False).encode('utf-8')
    //   hash = hashlib.sha256(b"DrugTrace/event/v1" + b"\x00" + bytes.fromhex(prevHash) + body).hexdigest()
    // (all keys are ASCII, so Python's code point sort equals the JCS UTF-16 sort, and json.dumps escapes
    // like JCS: \n, \t, \", \\, other controls as lower-case \u00xx, everything else raw UTF-8).
    private const string CommissioningBody =
        """{"actor":"4012345000009","expiry":"2027-12-31","from":null,"gtin":"09506000134352","lot":"LOT42","occurredAt":"2026-03-14T09:26:53.589Z","prevHash":"0000000000000000000000000000000000000000000000000000000000000000","reason":null,"recordedAt":"2026-03-14T09:26:53.589Z","seq":0,"serial":"SN000123456","stream":"pack","to":null,"type":"Commissioned"}""";
    private const string CommissioningHash = "61940a5b7d89d4a1698aa17d36d2a6d0900bd2067a4e49e15365e4d552abffa0";

    private const string ShipmentBody =
        """{"actor":"4012345000009","expiry":"2027-12-31","from":"4012345000009","gtin":"09506000134352","lot":"LOT42","occurredAt":"2026-03-14T09:30:00.007Z","prevHash":"61940a5b7d89d4a1698aa17d36d2a6d0900bd2067a4e49e15365e4d552abffa0","reason":"Étiquette « 5 mg » fausse\n\"urgent\"\t\u0001 \\ 😀","recordedAt":"2026-03-14T09:30:00.120Z","seq":1,"serial":"SN000123456","stream":"pack","to":"4098765000001","type":"Shipped"}""";
    private const string ShipmentHash = "1cc2ba2c359d6573df70aa47522a3605579a532240e367f85c7c2a2eecc043f3";

    private const string RecallBody =
        """{"actor":"4012345000009","expiry":null,"from":null,"gtin":"09506000134352","lot":"LOT42","occurredAt":"2026-04-01T00:00:00.000Z","prevHash":"abababababababababababababababababababababababababababababababab","reason":"Contamination","recordedAt":"2026-04-01T00:00:00.001Z","seq":1,"serial":null,"stream":"lot","to":null,"type":"LotRecalled"}""";
    private const string RecallHash = "0314392b93192df22420386c7c7eac465f8b0dc3b1e832df0a9ccb10b0f12fdb";

    private const string CasePackedBody =
        """{"actor":"4012346000015","expiry":null,"from":null,"gtin":"","lot":null,"occurredAt":"2026-03-14T09:26:53.589Z","prevHash":"0000000000000000000000000000000000000000000000000000000000000000","reason":null,"recordedAt":"2026-03-14T09:26:53.589Z","seq":0,"serial":null,"sscc":"340123460000000016","stream":"case","to":null,"type":"CasePacked"}""";
    private const string CasePackedHash = "5537261b7323179fcbe57c8eb2009e2f0c808eb38b9cd05fd3a887a84d1a8b7b";

    private static LedgerEvent Shipment() => Commissioning() with
    {
        Seq = 1,
        Type = EventType.Shipped,
        From = Maker,
        To = Wholesaler,
        Reason = "Étiquette « 5 mg » fausse\n\"urgent\"\t\u0001 \\ \ud83d\ude00",
        // Local times with an offset: the body holds them in UTC.
        OccurredAt = new DateTimeOffset(2026, 3, 14, 11, 30, 0, 7, TimeSpan.FromHours(2)),
        RecordedAt = new DateTimeOffset(2026, 3, 14, 4, 30, 0, 120, TimeSpan.FromHours(-5)),
        PrevHash = Hash256.FromHex(CommissioningHash),
    };

    private static LedgerEvent Recall() => new()
    {
        Stream = StreamKind.Lot,
        Gtin = Gtin,
        Key = "LOT42",
        Seq = 1,
        Type = EventType.LotRecalled,
        Actor = Maker,
        Reason = "Contamination",
        OccurredAt = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero),
        RecordedAt = new DateTimeOffset(2026, 4, 1, 0, 0, 0, 1, TimeSpan.Zero),
        PrevHash = Hash256.FromHex("abababababababababababababababababababababababababababababababab"),
    };

    [Fact]
    public void Commissioning_vector()
    {
        Assert.Equal(CommissioningBody, EventHasher.CanonicalBodyText(Commissioning()));
        Assert.Equal(CommissioningHash, EventHasher.ComputeHash(Commissioning()).ToHex());
    }

    [Fact]
    public void Shipment_vector_with_unicode_quotes_and_control_characters_in_the_reason()
    {
        Assert.Equal(Encoding.UTF8.GetBytes(ShipmentBody), EventHasher.CanonicalBody(Shipment()));
        Assert.Equal(ShipmentHash, EventHasher.ComputeHash(Shipment()).ToHex());
    }

    [Fact]
    public void Lot_event_vector_states_the_lot_and_no_serial()
    {
        Assert.Equal(RecallBody, EventHasher.CanonicalBodyText(Recall()));
        Assert.Equal(RecallHash, EventHasher.ComputeHash(Recall()).ToHex());
    }

    [Fact]
    public void Case_event_vector_names_its_sscc_and_no_gtin_serial_or_lot()
    {
        var packed = new LedgerEvent
        {
            Stream = StreamKind.Case, Gtin = "", Key = "340123460000000016", Seq = 0, Type = EventType.CasePacked, Actor = "4012346000015",
            OccurredAt = T0, RecordedAt = T0, PrevHash = Hash256.Zero,
        };
        Assert.Equal(CasePackedBody, EventHasher.CanonicalBodyText(packed));
        Assert.Equal(CasePackedHash, EventHasher.ComputeHash(packed).ToHex());
    }

    [Fact]
    public void Seal_fills_in_the_hash_and_keeps_the_body()
    {
        var sealedEvent = EventHasher.Seal(Shipment());

        Assert.Equal(Hash256.FromHex(ShipmentHash), sealedEvent.Hash);
        Assert.Equal(Shipment() with { Hash = sealedEvent.Hash }, sealedEvent);
    }

    [Fact]
    public void The_stored_hash_is_not_part_of_the_body()
    {
        var withJunkHash = Commissioning() with { Hash = Hash256.FromHex(ShipmentHash) };

        Assert.Equal(CommissioningHash, EventHasher.ComputeHash(withJunkHash).ToHex());
    }

    // Theory rows are named, and the events built inside the test: a string is serialisable, so each row is a
    // test case of its own and no Domain code runs while the tests are discovered (Stryker's per-test coverage
    // needs both).
    private static readonly Dictionary<string, Func<LedgerEvent>> EventsByName = new()
    {
        ["commissioning"] = () => Commissioning(),
        ["shipment"] = () => Shipment(),
        ["lot recall"] = () => Recall(),
        ["lot registration"] = () => Recall() with { Seq = 0, Type = EventType.LotRegistered, Reason = null, Lot = "LOT42", Expiry = new DateOnly(2030, 2, 28), PrevHash = Hash256.Zero },
        ["received"] = () => Shipment() with { Seq = 2, Type = EventType.Received, Actor = Wholesaler, Reason = null, Lot = null, Expiry = null },
        ["decommissioned"] = () => Shipment() with { Type = EventType.Decommissioned, To = null, Reason = "free-sample" },
        ["every control character"] = () => Shipment() with { Reason = new string([.. Enumerable.Range(0, 0x20).Select(i => (char)i)]) + "\u007f\u0080\u2028\u2029" },
        ["quotes and slashes"] = () => Shipment() with { Key = "A/B\"C\\D'E", Reason = "\"\\/\"", From = "</script>" },
        ["non-BMP and accents"] = () => Shipment() with { Key = "ÄÖÜ", Actor = "\ud834\udd1e", Reason = "日本語 ✓ 😀" },
        ["empty strings"] = () => Shipment() with { Reason = "", From = "", To = "" },
        ["large seq"] = () => Shipment() with { Seq = int.MaxValue },
        ["a case's event"] = () => Shipment() with { Stream = StreamKind.Case, Gtin = "", Key = "340123450000000017", Reason = "340123450000000024" },
    };

    public static TheoryData<string> Events() => [.. EventsByName.Keys];

    [Theory]
    [MemberData(nameof(Events))]
    public void Direct_body_writer_matches_the_generic_canonicaliser(string name)
    {
        var e = EventsByName[name]();
        // The same fields written by System.Text.Json, in a shuffled key order and with its own escaping
        // (\u00e9 for é, \u0022 for a quote, ...), then canonicalised.
        var fields = new List<KeyValuePair<string, JsonNode?>>
        {
            new("actor", e.Actor),
            new("expiry", e.Expiry?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("from", e.From),
            new("gtin", e.Gtin),
            new("lot", e.Lot ?? (e.Stream == StreamKind.Lot ? e.Key : null)),
            new("occurredAt", e.OccurredAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)[..23] + "Z"),
            new("prevHash", e.PrevHash.ToHex()),
            new("reason", e.Reason),
            new("recordedAt", e.RecordedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)[..23] + "Z"),
            new("seq", e.Seq),
            new("serial", e.Stream == StreamKind.Pack ? e.Key : null),
            new("stream", e.Stream switch { StreamKind.Pack => "pack", StreamKind.Lot => "lot", _ => "case" }),
            new("to", e.To),
            new("type", e.Type.ToString()),
        };
        // Only a case's events name their SSCC: every pack and lot event keeps the body it always had.
        if (e.Stream == StreamKind.Case) fields.Add(new("sscc", e.Key));
        var random = new Random(name.Length * 7919 + e.Seq);
        var shuffled = fields.OrderBy(_ => random.Next()).ToList();
        Assert.NotEqual(fields.Select(f => f.Key), shuffled.Select(f => f.Key));
        var json = new JsonObject(shuffled).ToJsonString();

        Assert.Equal(CanonicalJson.Canonicalize(json), EventHasher.CanonicalBody(e));
    }

    [Theory]
    [InlineData(2026, 3, 14, 10, 26, 53, 589, 60, 0, 2027, 12, 31, 0)]
    [InlineData(2025, 12, 31, 19, 0, 0, 0, -300, 9_999, 1, 1, 1, 7)]
    [InlineData(999, 1, 2, 3, 4, 5, 6, 0, 9_999_999, 9999, 9, 9, 123_456_789)]
    [InlineData(9999, 12, 31, 23, 59, 58, 999, 0, 9_999, 2030, 2, 28, int.MaxValue)]
    public void Body_dates_times_hash_and_seq_are_written_as_their_formatted_text(
        int year, int month, int day, int hour, int minute, int second, int millisecond, int offsetMinutes, long extraTicks,
        int expiryYear, int expiryMonth, int expiryDay, int seq)
    {
        // The body writes these as digits straight into its buffer: they must be exactly what the string forms give.
        var at = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(extraTicks);
        var prev = Hash256.FromHex("00ff10a9" + new string('7', 48) + "c0de0e5f");
        var e = Commissioning() with { OccurredAt = at, RecordedAt = at.AddMilliseconds(1), Expiry = new DateOnly(expiryYear, expiryMonth, expiryDay), Seq = seq, PrevHash = prev };
        var body = EventHasher.CanonicalBodyText(e);
        Assert.Contains($"\"occurredAt\":\"{EventHasher.FormatTimestamp(at)}\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"recordedAt\":\"{EventHasher.FormatTimestamp(at.AddMilliseconds(1))}\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"expiry\":\"{e.Expiry!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"prevHash\":\"{prev.ToHex()}\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"seq\":{seq.ToString(System.Globalization.CultureInfo.InvariantCulture)},", body, StringComparison.Ordinal);
        Assert.Contains("\"expiry\":null", EventHasher.CanonicalBodyText(e with { Expiry = null }), StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamps_are_iso_utc_with_milliseconds()
    {
        Assert.Equal("2026-03-14T09:26:53.589Z", EventHasher.FormatTimestamp(new DateTimeOffset(2026, 3, 14, 10, 26, 53, 589, TimeSpan.FromHours(1))));
        Assert.Equal("2026-01-01T00:00:00.000Z", EventHasher.FormatTimestamp(new DateTimeOffset(2025, 12, 31, 19, 0, 0, TimeSpan.FromHours(-5))));
        // Sub-millisecond digits are dropped, not rounded up.
        Assert.Equal("2026-03-14T09:26:53.999Z", EventHasher.FormatTimestamp(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(9_999_999)));
    }

    [Fact]
    public void TruncateToMilliseconds_drops_sub_millisecond_ticks_and_answers_in_utc()
    {
        var local = new DateTimeOffset(2026, 3, 14, 11, 26, 53, 589, TimeSpan.FromHours(2)).AddTicks(9_999);

        var truncated = EventHasher.TruncateToMilliseconds(local);

        Assert.Equal(TimeSpan.Zero, truncated.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero).UtcTicks, truncated.UtcTicks);
        Assert.Equal(truncated, EventHasher.TruncateToMilliseconds(truncated));
    }

    [Fact]
    public void A_truncated_timestamp_hashes_like_the_precise_one()
    {
        var precise = Commissioning() with { OccurredAt = T0.AddTicks(4_321) };
        var truncated = precise with { OccurredAt = EventHasher.TruncateToMilliseconds(precise.OccurredAt) };

        Assert.Equal(CommissioningHash, EventHasher.ComputeHash(truncated).ToHex());
        Assert.Equal(EventHasher.ComputeHash(precise), EventHasher.ComputeHash(truncated));
    }

    private static readonly Dictionary<string, Func<LedgerEvent, LedgerEvent>> ChangesByField = new()
    {
        ["stream"] = e => e with { Stream = StreamKind.Lot },
        ["gtin"] = e => e with { Gtin = "09506000134369" },
        ["key"] = e => e with { Key = "SN000123457" },
        ["seq"] = e => e with { Seq = e.Seq + 1 },
        ["type"] = e => e with { Type = EventType.Received },
        ["actor"] = e => e with { Actor = Wholesaler },
        ["from"] = e => e with { From = Wholesaler },
        ["from null"] = e => e with { From = null },
        ["to"] = e => e with { To = Maker },
        ["to null"] = e => e with { To = null },
        ["reason"] = e => e with { Reason = e.Reason + " " },
        ["reason null"] = e => e with { Reason = null },
        ["lot"] = e => e with { Lot = "LOT43" },
        ["lot null"] = e => e with { Lot = null },
        ["expiry"] = e => e with { Expiry = new DateOnly(2028, 1, 1) },
        ["expiry null"] = e => e with { Expiry = null },
        ["occurredAt"] = e => e with { OccurredAt = e.OccurredAt.AddMilliseconds(1) },
        ["recordedAt"] = e => e with { RecordedAt = e.RecordedAt.AddMilliseconds(1) },
        ["prevHash"] = e => e with { PrevHash = Hash256.FromHex("71940a5b7d89d4a1698aa17d36d2a6d0900bd2067a4e49e15365e4d552abffa0") },
    };

    public static TheoryData<string> OneFieldChanged() => [.. ChangesByField.Keys];

    [Theory]
    [MemberData(nameof(OneFieldChanged))]
    public void Changing_any_one_field_changes_the_hash(string field)
    {
        var original = Shipment();
        var changed = ChangesByField[field](original);
        Assert.NotEqual(original, changed);

        Assert.False(EventHasher.ComputeHash(original) == EventHasher.ComputeHash(changed), $"changing {field} kept the hash");
    }

    [Fact]
    public void A_body_is_written_whole_wherever_its_prev_hash_falls_in_the_writers_buffer()
    {
        // A control character is written as six bytes (\u0001): lots of 0 to 120 of them move the prevHash,
        // written after the lot, across the end of the writer's first 512 bytes.
        for (var n = 0; n <= 120; n++)
        {
            var e = Commissioning() with { Lot = new string('\u0001', n) };
            var lot = string.Concat(Enumerable.Repeat("\\u0001", n));
            Assert.Equal(CommissioningBody.Replace("\"lot\":\"LOT42\"", $"\"lot\":\"{lot}\"", StringComparison.Ordinal), EventHasher.CanonicalBodyText(e));
            Assert.Equal(EventHasher.HashCanonical(e.PrevHash, EventHasher.CanonicalBody(e)), EventHasher.ComputeHash(e));
        }
    }

    [Fact]
    public void Hash_is_the_same_on_every_call_and_thread()
    {
        // The hasher reuses a thread-static buffer: a hash must not depend on what was hashed before.
        var hashes = Enumerable.Range(0, 64).AsParallel()
            .Select(i => (i, EventHasher.ComputeHash(i % 2 == 0 ? Shipment() : Commissioning()).ToHex()))
            .ToList();

        Assert.All(hashes, h => Assert.Equal(h.i % 2 == 0 ? ShipmentHash : CommissioningHash, h.Item2));
    }
    [Fact]
    public void A_lot_event_hashes_the_lot_it_states_not_its_key()
    {
        var registration = LedgerEvents.First(StreamKind.Lot, "09506000134352", "LOT1", EventType.LotRegistered, "4012345000009",
            "LOT2", new DateOnly(2028, 1, 31), new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        Assert.Contains("\"lot\":\"LOT2\"", EventHasher.CanonicalBodyText(registration));
        Assert.NotEqual(EventHasher.ComputeHash(registration), EventHasher.ComputeHash(registration with { Lot = "LOT1" }));
        Assert.Contains("\"lot\":\"LOT1\"", EventHasher.CanonicalBodyText(registration with { Lot = null }));
    }

    [Fact]
    public void A_type_of_no_defined_value_is_written_as_its_number()
    {
        // A store reads the type back by name, and Enum.Parse accepts a number: a tampered row's "1000" must hash, not throw.
        var next = Enum.GetValues<EventType>().Max(t => (int)t) + 1;
        foreach (var number in new[] { next, 1000 })
        {
            var e = Commissioning() with { Type = (EventType)number };
            Assert.EndsWith($",\"type\":\"{number}\"}}", EventHasher.CanonicalBodyText(e), StringComparison.Ordinal);
            Assert.Equal(EventHasher.HashCanonical(e.PrevHash, EventHasher.CanonicalBody(e)), EventHasher.ComputeHash(e));
        }
    }
}
