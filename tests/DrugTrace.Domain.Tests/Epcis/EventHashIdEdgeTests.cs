using System.Text.Json.Nodes;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Tests.Epcis;

/// <summary>The pre-hash for fields the hash leaves out, nested extension content and quantities written as text; a written pack event whose web address is not kept as written, or whose pre-hash is long.</summary>
public sealed class EventHashIdEdgeTests
{
    private const string Head = "eventType=ObjectEventeventTime=2026-12-02T10:00:00.000ZeventTimeZoneOffset=+00:00";

    private static string PreHash(string fields) => EventHashId.PreHash(JsonNode.Parse(
        $$"""{"@context":[{"ex":"https://ns.example.com/"}],"type":"ObjectEvent","eventTime":"2026-12-02T10:00:00Z","eventTimeZoneOffset":"+00:00"{{fields}}}""")!.AsObject());

    [Fact]
    public void An_error_declaration_and_certification_info_are_not_hashed()
    {
        Assert.Equal(Head, PreHash(""","errorDeclaration":{"declarationTime":"2026-12-03T10:00:00Z","reason":"incorrect_data"}"""));
        Assert.Equal(Head, PreHash(""","certificationInfo":"https://cert.example.com/1" """));
    }

    [Fact]
    public void Several_unset_dispositions_are_sorted()
    {
        Assert.Equal(Head + "persistentDisposition"
            + "unset=https://ref.gs1.org/cbv/Disp-activeunset=https://ref.gs1.org/cbv/Disp-damaged",
            PreHash(""","persistentDisposition":{"unset":["damaged","active"]}"""));
    }

    [Fact]
    public void Inside_an_extension_a_context_and_nulls_are_left_out_and_plain_names_stay_plain()
    {
        Assert.Equal(Head + "{https://ns.example.com/}data" + "reading=12" + "tags=a", PreHash(""","ex:data":{"@context":"https://ctx.example.com/","reading":"12","tags":[null,"a"],"gone":null}"""));
    }

    [Fact]
    public void A_quantity_written_as_text_is_read_as_its_number()
    {
        Assert.Equal(Head + "quantityList"
            + "quantityElementepcClass=https://id.gs1.org/01/04012345000115/10/LOT1quantity=2.5",
            PreHash(""","quantityList":[{"epcClass":"https://id.gs1.org/01/04012345000115/10/LOT1","quantity":"2.50"}]"""));
    }

    private static PackEventFacts Shipped(string serial) => new(
        EventType.Shipped, "09506000134352", serial, "LOT1", new DateOnly(2029, 12, 31), "4012345000016", "4012345000016", "4012347000014",
        null, new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero), new DateTimeOffset(2026, 3, 4, 5, 6, 8, TimeSpan.Zero));

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public void A_serial_whose_web_address_is_not_kept_as_written_hashes_as_the_event_written(string serial)
    {
        var ev = PackEpcisEvents.ToEpcisEvent(Shipped(serial));
        Assert.Equal(EventHashId.Compute(ev), PackEpcisEvents.EventId(Shipped(serial)));
    }

    [Fact]
    public void An_EPC_whose_serial_is_a_dot_segment_is_hashed_with_its_serial_however_it_is_written()
    {
        static string Hash(string epc) => EventHashId.Compute(JsonNode.Parse(
            $$"""{"type":"ObjectEvent","eventTime":"2026-12-02T10:00:00Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["{{epc}}"]}""")!.AsObject());
        const string Product = "https://id.gs1.org/01/09506000134352";
        var one = Hash(Product + "/21/%2E");
        var two = Hash(Product + "/21/%2E%2E");

        Assert.Equal(one, Hash("https://example.com/01/09506000134352/21/."));
        Assert.Equal(one, Hash(Product + "/21/%2e"));
        Assert.Equal(two, Hash(Product + "/21/.."));
        Assert.Equal(3, new[] { one, two, Hash(Product) }.Distinct().Count());
    }

    [Fact]
    public void A_pre_hash_longer_than_the_buffer_hashes_as_the_event_written()
    {
        var facts = Shipped(new string('S', 3000));
        Assert.True(EventHashId.PreHash(PackEpcisEvents.ToEpcisEvent(facts)).Length > 3000);
        Assert.Equal(EventHashId.Compute(PackEpcisEvents.ToEpcisEvent(facts)), PackEpcisEvents.EventId(facts));
    }
}
