using System.Text.Json.Nodes;
using DrugTrace.Domain.Epcis;

namespace DrugTrace.Domain.Tests.Epcis;

public sealed class EpcisNamespacesTests
{
    [Theory]
    [InlineData("epcis:eventID", "{https://ref.gs1.org/epcis/}eventID")]
    [InlineData("cbv:BizStep-shipping", "{https://ref.gs1.org/cbv/}BizStep-shipping")]
    [InlineData("cbvmda:lotNumber", "{urn:epcglobal:cbv:mda:}lotNumber")]
    [InlineData("gs1:sensorReport", "{https://gs1.org/voc/}sensorReport")]
    [InlineData("rdfs:label", "{http://www.w3.org/2000/01/rdf-schema#}label")]
    [InlineData("owl:sameAs", "{http://www.w3.org/2002/07/owl#}sameAs")]
    [InlineData("xsd:dateTime", "{http://www.w3.org/2001/XMLSchema#}dateTime")]
    [InlineData("dcterms:title", "{http://purl.org/dc/terms/}title")]
    public void Each_prefix_of_the_standard_context_is_expanded(string name, string expanded) =>
        Assert.Equal(expanded, EpcisNamespaces.Default.ExpandName(name));

    [Theory]
    [InlineData("lotNumber")]
    [InlineData(":lotNumber")]
    [InlineData("ex:field")]
    [InlineData("CBV:BizStep-shipping")]
    public void A_name_without_a_known_prefix_stays_as_it_is(string name) =>
        Assert.Equal(name, EpcisNamespaces.Default.ExpandName(name));

    [Fact]
    public void Only_the_part_before_the_first_colon_is_the_prefix() =>
        Assert.Equal("{https://ref.gs1.org/cbv/}a:b", EpcisNamespaces.Default.ExpandName("cbv:a:b"));

    [Fact]
    public void Resolve_gives_a_prefix_s_namespace_or_null()
    {
        Assert.Equal("urn:epcglobal:cbv:mda:", EpcisNamespaces.Default.Resolve("cbvmda"));
        Assert.Null(EpcisNamespaces.Default.Resolve("ex"));
    }

    [Fact]
    public void Inline_definitions_add_to_and_override_the_outer_prefixes()
    {
        var context = JsonNode.Parse("""
            [ "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
              { "ex": "https://ns.example.com/", "gs1": "https://other.example/", "@vocab": "https://vocab.example/", "n": 5 },
              { "ex2": "urn:ex2:" } ]
            """);
        var ns = EpcisNamespaces.From(context);
        Assert.Equal("{https://ns.example.com/}field", ns.ExpandName("ex:field"));
        Assert.Equal("{urn:ex2:}x", ns.ExpandName("ex2:x"));
        Assert.Equal("{https://other.example/}x", ns.ExpandName("gs1:x"));
        Assert.Equal("{urn:epcglobal:cbv:mda:}lotNumber", ns.ExpandName("cbvmda:lotNumber"));
        Assert.Null(ns.Resolve("@vocab"));
        Assert.Null(ns.Resolve("n"));
        // The standard prefixes themselves are not changed by a document's definitions.
        Assert.Equal("{https://gs1.org/voc/}x", EpcisNamespaces.Default.ExpandName("gs1:x"));

        var inner = EpcisNamespaces.From(JsonNode.Parse("""{ "ex3": "urn:ex3:" }"""), ns);
        Assert.Equal("{urn:ex3:}y", inner.ExpandName("ex3:y"));
        Assert.Equal("{https://ns.example.com/}field", inner.ExpandName("ex:field"));
    }

    [Fact]
    public void A_context_without_inline_definitions_keeps_the_outer_prefixes()
    {
        var outer = EpcisNamespaces.From(JsonNode.Parse("""{ "ex": "urn:ex:" }"""));
        Assert.Same(outer, EpcisNamespaces.From(null, outer));
        Assert.Same(outer, EpcisNamespaces.From(JsonValue.Create(EpcisNamespaces.StandardContext), outer));
        Assert.Same(EpcisNamespaces.Default, EpcisNamespaces.From(null));
        Assert.Null(EpcisNamespaces.From(JsonNode.Parse("""["x", 1]""")).Resolve("ex"));
    }

    [Fact]
    public void An_empty_term_in_a_context_is_no_prefix()
    {
        // JSON-LD has no empty term: a name starting with ':' stays as it is even when a context defines "".
        var ns = EpcisNamespaces.From(JsonNode.Parse("""[{"": "https://ns.example.com/"}]"""));
        Assert.Equal(":field", ns.ExpandName(":field"));
    }
}
