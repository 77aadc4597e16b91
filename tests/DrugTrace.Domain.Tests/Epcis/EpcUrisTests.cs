using DrugTrace.Domain.Epcis;

namespace DrugTrace.Domain.Tests.Epcis;

public sealed class EpcUrisTests
{
    [Theory]
    [InlineData("urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017")]
    [InlineData("urn:epc:id:sgtin:4012345.011122.A%2FB", "https://id.gs1.org/01/04012345111224/21/A%2FB")]
    // A URN's last field may hold '.' and ':' (GS3A3 characters).
    [InlineData("urn:epc:id:sgtin:4012345.011122.A.B", "https://id.gs1.org/01/04012345111224/21/A.B")]
    [InlineData("urn:epc:id:sgtin:4012345.011122.A:B.C", "https://id.gs1.org/01/04012345111224/21/A%3AB.C")]
    [InlineData("urn:epc:class:lgtin:4054739.099914.L.1", "https://id.gs1.org/01/04054739999148/10/L.1")]
    [InlineData("urn:epc:id:sgln:4012345.00000.5.1", "https://id.gs1.org/414/4012345000009/254/5.1")]
    [InlineData("urn:epc:class:lgtin:4054739.099914.20160711", "https://id.gs1.org/01/04054739999148/10/20160711")]
    [InlineData("urn:epc:idpat:sgtin:4012345.066666.*", "https://id.gs1.org/01/04012345666663")]
    [InlineData("urn:epc:id:sscc:5200001.0111111146", "https://id.gs1.org/00/052000011111111461")]
    [InlineData("urn:epc:id:sgln:4012345.00000.5", "https://id.gs1.org/414/4012345000009/254/5")]
    [InlineData("urn:epc:id:sgln:4012345.00012.0", "https://id.gs1.org/414/4012345000122")]
    [InlineData("urn:epc:id:pgln:4012345.00000", "https://id.gs1.org/417/4012345000009")]
    [InlineData("https://brand.example/products/01/9506000134352/10/LOT1/21/SN1?17=291231", "https://id.gs1.org/01/09506000134352/21/SN1")]
    [InlineData("https://id.gs1.org/01/09506000134352/10/LOT1", "https://id.gs1.org/01/09506000134352/10/LOT1")]
    // Plain Digital Links on id.gs1.org are read without System.Uri; anything else still with it, to the same result.
    [InlineData("https://id.gs1.org/01/9506000134352/21/A-b_9", "https://id.gs1.org/01/09506000134352/21/A-b_9")]
    [InlineData("https://id.gs1.org/01/09506000134352/21/A%2DB", "https://id.gs1.org/01/09506000134352/21/A-B")]
    [InlineData("https://id.gs1.org/01/09506000134352/./21/A", "https://id.gs1.org/01/09506000134352/21/A")]
    [InlineData("https://id.gs1.org/01/09506000134352/21/A?x=1#f", "https://id.gs1.org/01/09506000134352/21/A")]
    [InlineData("https://ID.GS1.ORG/414/4012345000009", "https://id.gs1.org/414/4012345000009")]
    [InlineData("https://id.gs1.org/01/09506000134352/21/A.B~C", "https://id.gs1.org/01/09506000134352/21/A.B~C")]
    public void Urns_and_Digital_Links_become_the_canonical_Digital_Link(string input, string expected) =>
        Assert.Equal(expected, EpcUris.Canonical(input));

    [Theory]
    [InlineData("urn:epc:id:sgtin:0614141.10734.2017")]   // 12 digits, not 13
    [InlineData("https://example.com/01/09506000134353/21/1")] // wrong check digit
    [InlineData("urn:epc:id:grai:0614141.12345.400")]
    [InlineData("urn:epc:id:sgtin")]
    [InlineData("urn:epc:id")]
    [InlineData("not a uri")]
    [InlineData("")]
    public void Anything_else_is_not_a_GS1_key(string input) => Assert.Null(EpcUris.Canonical(input));

    [Fact]
    public void A_pack_a_party_and_a_case_are_told_apart()
    {
        Assert.True(EpcUris.TryParseSgtin("urn:epc:id:sgtin:4012345.000111.SN%2F1", out var gtin, out var serial));
        Assert.Equal(("04012345001112", "SN/1"), (gtin, serial));
        Assert.True(EpcUris.TryParseGln("urn:epc:id:sgln:4012345.00001.0", out var gln));
        Assert.Equal("4012345000016", gln);
        Assert.True(EpcUris.TryParseGln("https://id.gs1.org/417/4012345000016", out _));
        Assert.False(EpcUris.TryParseGln("urn:epc:id:sgln:4012345.00001.7", out _)); // a sub-location is not a party
        Assert.False(EpcUris.TryParseSgtin("urn:epc:id:sscc:5200001.0111111146", out _, out _));
        Assert.True(EpcUris.IsSscc("urn:epc:id:sscc:5200001.0111111146"));
        Assert.True(EpcUris.TryParseClass("urn:epc:class:lgtin:4054739.099914.L1", out var g, out var lot));
        Assert.Equal(("04054739999148", "L1"), (g, lot));
    }
}
