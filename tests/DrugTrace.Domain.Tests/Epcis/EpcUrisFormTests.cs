using DrugTrace.Domain.Epcis;

namespace DrugTrace.Domain.Tests.Epcis;

public sealed class EpcUrisFormTests
{
    [Fact]
    public void Keys_are_written_as_Digital_Links_on_id_gs1_org_with_their_values_escaped()
    {
        Assert.Equal("https://id.gs1.org/01/09506000134352/21/A%2FB%20C", EpcUris.Sgtin("09506000134352", "A/B C"));
        Assert.Equal("https://id.gs1.org/01/09506000134352/10/L%2F1", EpcUris.Lgtin("09506000134352", "L/1"));
        Assert.Equal("https://id.gs1.org/414/4012345000016", EpcUris.Location("4012345000016"));
        Assert.Equal("https://id.gs1.org/417/4012345000016", EpcUris.Party("4012345000016"));
        Assert.Equal("https://id.gs1.org/00/340123450000000017", EpcUris.Sscc("340123450000000017"));
    }

    [Theory]
    [InlineData("urn:epc:id:gdti:0614141.12345.006847", "https://id.gs1.org/253/0614141123452006847")]
    [InlineData("urn:epc:id:sgln:0614141.12345.400", "https://id.gs1.org/414/0614141123452/254/400")]
    [InlineData("urn:epc:id:sgln:0614141.12345.", "https://id.gs1.org/414/0614141123452")]
    [InlineData("urn:epc:id:sgln:0614141.12345.A%2FB", "https://id.gs1.org/414/0614141123452/254/A%2FB")]
    [InlineData("urn:epc:id:pgln:0614141.12345", "https://id.gs1.org/417/0614141123452")]
    [InlineData("urn:epc:id:sscc:01234567890123456.", "https://id.gs1.org/00/012345678901234560")]
    [InlineData("urn:epc:class:lgtin:4012345.011122.L%201", "https://id.gs1.org/01/04012345111224/10/L%201")]
    [InlineData("  urn:epc:id:pgln:0614141.12345\t", "https://id.gs1.org/417/0614141123452")]
    [InlineData("http://id.gs1.org/01/09506000134352/21/A", "https://id.gs1.org/01/09506000134352/21/A")]
    [InlineData("http://example.com/01/09506000134352", "https://id.gs1.org/01/09506000134352")]
    [InlineData("https://example.com/01/09506000134352/10/L%2F1/22/X/21", "https://id.gs1.org/01/09506000134352/10/L%2F1")]
    [InlineData("https://example.com/01/09506000134352/21/S/10/L", "https://id.gs1.org/01/09506000134352/21/S")]
    [InlineData("https://example.com/00/340123450000000017", "https://id.gs1.org/00/340123450000000017")]
    [InlineData("https://example.com/x/00/34012345000000001/01/09506000134352", "https://id.gs1.org/01/09506000134352")]
    [InlineData("https://example.com/414/4012345000016/254/A%20B", "https://id.gs1.org/414/4012345000016/254/A%20B")]
    [InlineData("https://example.com/414/4012345000016/254", "https://id.gs1.org/414/4012345000016")]
    [InlineData("https://example.com/414/4012345000016/255/1", "https://id.gs1.org/414/4012345000016")]
    [InlineData("https://example.com/417/4012345000016", "https://id.gs1.org/417/4012345000016")]
    [InlineData("https://example.com/253/4012345000016X%2F", "https://id.gs1.org/253/4012345000016X%2F")]
    [InlineData("https://example.com/8003/04012345000016A", "https://id.gs1.org/8003/04012345000016A")]
    [InlineData("https://example.com/8004/4012345ABC", "https://id.gs1.org/8004/4012345ABC")]
    [InlineData("https://example.com/8006/095060001343520102", "https://id.gs1.org/8006/095060001343520102")]
    [InlineData("https://example.com/8010/4012345X", "https://id.gs1.org/8010/4012345X")]
    [InlineData("https://example.com/8013/GMN1", "https://id.gs1.org/8013/GMN1")]
    [InlineData("https://example.com/8017/401234500000000016", "https://id.gs1.org/8017/401234500000000016")]
    [InlineData("https://example.com/8018/401234500000000016", "https://id.gs1.org/8018/401234500000000016")]
    [InlineData("https://example.com/255/4012345000016", "https://id.gs1.org/255/4012345000016")]
    [InlineData("https://example.com/401/4012345CONS", "https://id.gs1.org/401/4012345CONS")]
    [InlineData("https://example.com/402/40123450000000001", "https://id.gs1.org/402/40123450000000001")]
    public void Every_accepted_form_becomes_its_canonical_Digital_Link(string input, string canonical) =>
        Assert.Equal(canonical, EpcUris.Canonical(input));

    [Theory]
    [InlineData(null)]
    [InlineData(" \t")]
    [InlineData("ftp://id.gs1.org/01/09506000134352")]
    [InlineData("urn:epc:id:sgtin:0614141.107346")]
    [InlineData("urn:epc:id:sgtin:061414X.107346.1")]
    [InlineData("urn:epc:class:lgtin:0614141.10734.1")]
    [InlineData("urn:epc:idpat:sgtin:4012345.066666.1")]
    [InlineData("urn:epc:idpat:sgtin:4012345.06666.*")]
    [InlineData("urn:epc:id:sscc:5200001.011111114")]
    [InlineData("urn:epc:id:sscc:5200001.0111111146.1")]
    [InlineData("urn:epc:id:sgln:0614141.1234.400")]
    [InlineData("urn:epc:id:sgln:0614141.12345")]
    [InlineData("urn:epc:id:pgln:0614141.1234")]
    [InlineData("urn:epc:id:pgln:0614141.12345.0")]
    [InlineData("urn:epc:id:gdti:0614141.1234.006847")]
    [InlineData("urn:epc:id:gdti:0614141.12345")]
    [InlineData("https://example.com/00/34012345000000001")]
    [InlineData("https://example.com/00/34012345000000001X")]
    [InlineData("https://example.com/414/4012345000017")]
    [InlineData("https://example.com/417/4012345000017")]
    [InlineData("https://example.com/01")]
    [InlineData("https://example.com/999/1")]
    [InlineData("http://[bad")]
    public void Anything_else_has_no_canonical_form(string? input) => Assert.Null(EpcUris.Canonical(input));

    [Fact]
    public void A_pack_is_read_only_from_a_GTIN_and_serial()
    {
        Assert.True(EpcUris.TryParseSgtin("https://id.gs1.org/01/09506000134352/21/A%2FB", out var gtin, out var serial));
        Assert.Equal(("09506000134352", "A/B"), (gtin, serial));
        Assert.False(EpcUris.TryParseSgtin("https://id.gs1.org/01/09506000134352/10/L", out gtin, out serial));
        Assert.Equal(("", ""), (gtin, serial));
        Assert.False(EpcUris.TryParseSgtin(null, out _, out _));
    }

    [Fact]
    public void A_product_class_is_a_GTIN_with_or_without_a_lot()
    {
        Assert.True(EpcUris.TryParseClass("https://id.gs1.org/01/09506000134352", out var gtin, out var lot));
        Assert.Equal(("09506000134352", (string?)null), (gtin, lot));
        Assert.True(EpcUris.TryParseClass("https://id.gs1.org/01/09506000134352/10/L%2F1", out gtin, out lot));
        Assert.Equal(("09506000134352", "L/1"), (gtin, lot));
        Assert.False(EpcUris.TryParseClass("https://id.gs1.org/01/09506000134352/21/S", out gtin, out lot));
        Assert.Equal(("", (string?)null), (gtin, lot));
        Assert.False(EpcUris.TryParseClass("urn:epc:id:pgln:0614141.12345", out _, out _));
        Assert.False(EpcUris.TryParseClass("x", out _, out _));
    }

    [Fact]
    public void A_party_is_a_location_or_party_GLN_only()
    {
        Assert.True(EpcUris.TryParseGln("https://id.gs1.org/414/4012345000016", out var gln));
        Assert.Equal("4012345000016", gln);
        Assert.False(EpcUris.TryParseGln("https://id.gs1.org/414/4012345000016/254/1", out gln));
        Assert.Equal("", gln);
        Assert.False(EpcUris.TryParseGln("https://id.gs1.org/00/340123450000000017", out _));
        Assert.False(EpcUris.TryParseGln(null, out _));
    }

    [Fact]
    public void A_case_is_an_SSCC_only()
    {
        Assert.True(EpcUris.IsSscc("https://id.gs1.org/00/340123450000000017"));
        Assert.False(EpcUris.IsSscc("https://id.gs1.org/417/4012345000016"));
        Assert.False(EpcUris.IsSscc(null));
        Assert.True(EpcUris.TryParseSscc("urn:epc:id:sscc:5200001.0111111146", out var sscc));
        Assert.Equal("052000011111111461", sscc);
        Assert.False(EpcUris.TryParseSscc("https://id.gs1.org/01/09506000134352", out sscc));
        Assert.Equal("", sscc);
        Assert.False(EpcUris.TryParseSscc("", out _));
    }

    [Theory]
    [InlineData("https://id.gs1.org/01/09506000134352/21/A-b_9", true)]
    [InlineData("https://id.gs1.org/01/09506000134353/21/A", true)]
    [InlineData("https://id.gs1.org/01/09506000134352/21/", false)]
    [InlineData("https://id.gs1.org/01/0950600013435X/21/A", false)]
    [InlineData("https://id.gs1.org/01/09506000134352/10/A", false)]
    [InlineData("https://id.gs1.org/01/09506000134352/21/A/10/L", false)]
    [InlineData("https://id.gs1.org/01/09506000134352/21/A%2F", false)]
    [InlineData("https://id.gs1.org/414/4012345000016", true)]
    [InlineData("https://id.gs1.org/417/4012345000016", true)]
    [InlineData("https://id.gs1.org/414/401234500001", false)]
    [InlineData("https://id.gs1.org/417/40123450000160", false)]
    [InlineData("https://id.gs1.org/414/401234500001X", false)]
    [InlineData("https://id.gs1.org/00/340123450000000017", true)]
    [InlineData("https://id.gs1.org/00/34012345000000001", false)]
    [InlineData("https://id.gs1.org/00/34012345000000001X", false)]
    [InlineData("https://id.gs1.org/253/4012345000016", false)]
    [InlineData("https://id.gs1.org/02/340123450000000017", false)] // an SSCC's length and digits under another AI
    [InlineData("http://id.gs1.org/414/4012345000016", false)]
    [InlineData("https://example.com/414/4012345000016", false)]
    public void A_plain_Digital_Link_keeps_its_form_in_the_event_hash(string dl, bool keeps) =>
        Assert.Equal(keeps, EpcUris.KeepsItsForm(dl));
}
