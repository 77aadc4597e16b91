using System.Text.Json.Nodes;
using DrugTrace.Domain.Epcis;

namespace DrugTrace.Domain.Tests.Epcis;

/// <summary>The pre-hash string field by field, for the parts the published vectors do not exercise.</summary>
public sealed class EventHashPreHashTests
{
    private const string Head = "eventType=ObjectEventeventTime=2026-12-02T10:00:00.000ZeventTimeZoneOffset=+00:00";

    private static string PreHash(string fields) => EventHashId.PreHash(JsonNode.Parse(
        $$"""{"@context":[{"ex":"https://ns.example.com/"}],"type":"ObjectEvent","eventTime":"2026-12-02T10:00:00Z","eventTimeZoneOffset":"+00:00"{{fields}}}""")!.AsObject());

    [Fact]
    public void Persistent_dispositions_are_web_uris_set_before_unset_each_sorted()
    {
        Assert.Equal(Head + "persistentDisposition"
            + "set=https://ref.gs1.org/cbv/Disp-completeness_inferredset=https://ref.gs1.org/cbv/Disp-completeness_verified"
            + "unset=https://ref.gs1.org/cbv/Disp-active",
            PreHash(""","persistentDisposition":{"unset":"active","set":["completeness_verified","urn:epcglobal:cbv:disp:completeness_inferred"]}"""));
        Assert.Equal(Head, PreHash(""","persistentDisposition":{}"""));
        Assert.Equal(Head, PreHash(""","persistentDisposition":{"set":[],"unset":null}"""));
    }

    [Fact]
    public void Empty_lists_and_a_location_without_an_id_add_nothing()
    {
        Assert.Equal(Head, PreHash(""","epcList":[],"quantityList":[],"bizTransactionList":[{}],"readPoint":{}"""));
    }

    [Fact]
    public void Extension_values_keep_their_kind_times_are_normalised_and_offsets_are_not()
    {
        Assert.Equal(Head
            + "{https://ns.example.com/}checked=true"
            + "{https://ns.example.com/}count=12.5"
            + "{https://ns.example.com/}failed=false"
            + "{https://ns.example.com/}inspectionTime=2026-12-02T09:00:00.000Z"
            + "{https://ns.example.com/}note=urgent"
            + "{https://ns.example.com/}timeOffset=2026-12-02T10:00:00+01:00",
            PreHash(""","ex:note":" urgent ","ex:checked":true,"ex:failed":false,"ex:count":12.50,"ex:inspectionTime":"2026-12-02T10:00:00+01:00","ex:timeOffset":"2026-12-02T10:00:00+01:00","ex:none":null"""));
    }

    [Fact]
    public void Quantity_elements_name_class_quantity_and_unit_each_only_when_given()
    {
        Assert.Equal(Head + "quantityList"
            + "quantityElementepcClass=https://id.gs1.org/01/04012345000115/10/LOT1quantity=2.5uom=KGM"
            + "quantityElementepcClass=https://id.gs1.org/01/04012345000115/10/LOT2",
            PreHash(""","quantityList":[{"epcClass":"https://id.gs1.org/01/04012345000115/10/LOT2"},{"epcClass":"https://id.gs1.org/01/04012345000115/10/LOT1","quantity":2.50,"uom":" KGM "}]"""));
    }

    [Fact]
    public void An_event_without_its_type_or_with_sensor_data_is_not_hashed()
    {
        Assert.Equal("An EPCIS event needs its type.",
            Assert.Throws<FormatException>(() => EventHashId.PreHash(JsonNode.Parse("""{"eventTime":"2026-12-02T10:00:00Z"}""")!.AsObject())).Message);
        Assert.Equal("Events with sensor data are not hashed by DrugTrace.",
            Assert.Throws<NotSupportedException>(() => EventHashId.PreHash(JsonNode.Parse("""{"type":"ObjectEvent","sensorElementList":[]}""")!.AsObject())).Message);
    }

    [Theory]
    [InlineData("2026-12-02T10:00:00.0004999Z", "2026-12-02T10:00:00.000Z")]
    [InlineData("2026-12-02T10:00:00.0005Z", "2026-12-02T10:00:00.001Z")]
    [InlineData("2026-12-02T10:00:00.9996Z", "2026-12-02T10:00:01.000Z")]
    [InlineData(" 2026-12-02T11:30:00+01:30 ", "2026-12-02T10:00:00.000Z")]
    [InlineData("2026-12-02T10:00:00", "2026-12-02T10:00:00.000Z")]
    public void Timestamps_are_utc_rounded_half_up_to_the_millisecond(string text, string expected)
    {
        Assert.Equal(expected, EventHashId.Timestamp(text));
    }

    [Fact]
    public void A_business_location_is_hashed_after_the_read_point_and_its_extensions_with_the_others()
    {
        Assert.Equal(Head + "readPointid=https://id.gs1.org/414/4012345000016/254/1bizLocationid=https://id.gs1.org/414/4012345000016"
            + "bizLocation{https://ns.example.com/}room=7readPoint{https://ns.example.com/}door=2",
            PreHash(""","bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0","ex:room":"7"},"readPoint":{"id":"urn:epc:id:sgln:4012345.00001.1","ex:door":"2"}"""));
    }

    [Fact]
    public void The_ILMD_is_hashed_in_its_place_before_every_extension()
    {
        Assert.Equal(Head + "bizLocationid=https://id.gs1.org/414/4012345000016" + "ilmd{https://ns.example.com/}lot=L1"
            + "bizLocation{https://ns.example.com/}room=7",
            PreHash(""","bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0","ex:room":"7"},"ilmd":{"ex:lot":"L1"}"""));
    }
}
