using DrugTrace.Application.Products;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Products;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Products;

public class RegisterProductTests
{
    private readonly TestWorld _world = new();

    [Fact]
    public async Task The_registering_manufacturer_becomes_the_brand_owner_and_blanks_are_dropped()
    {
        _world.Parties.SetPrefixes(Maker.Gln, "950600");
        _world.Parties.SetPrefixes(OtherMaker.Gln, "9506000");
        var product = await new RegisterProductHandler(_world.Catalog, _world.Parties, ContextFor(OtherMaker))
            .Handle(new RegisterProduct(OtherMaker.Gln, "9506000134376", "  Aspirin 100 mg ", "  ", " 100 mg "), CancellationToken.None);
        Assert.Equal(new Product(UnregisteredGtin, "Aspirin 100 mg", null, "100 mg", OtherMaker.Gln), product);
        Assert.Equal(product, await _world.Catalog.FindProductAsync(UnregisteredGtin, default));
        var noStrength = await new RegisterProductHandler(_world.Catalog, _world.Parties, ContextFor(Maker))
            .Handle(new RegisterProduct(Maker.Gln, "09506000134383", "X", " tablet ", null), CancellationToken.None);
        Assert.Equal(("tablet", (string?)null), (noStrength.Form, noStrength.Strength));
    }

    [Fact]
    public async Task A_GTIN_outside_the_manufacturers_company_prefixes_is_refused_and_not_stored()
    {
        // Two prefixes, neither of them the GTIN's: the refusal names both, in the order they were recorded.
        _world.Parties.SetPrefixes(OtherMaker.Gln, "4012345", "4098765");
        var refused = await Assert.ThrowsAsync<DrugTrace.Application.Common.Exceptions.ForbiddenAccessException>(() =>
            new RegisterProductHandler(_world.Catalog, _world.Parties, ContextFor(OtherMaker))
                .Handle(new RegisterProduct(OtherMaker.Gln, UnregisteredGtin, "Aspirin", null, null), CancellationToken.None).AsTask());
        Assert.Equal($"GTIN {UnregisteredGtin} is not under Other Pharma's GS1 company prefixes (4012345, 4098765).", refused.Message);
        Assert.Null(await _world.Catalog.FindProductAsync(UnregisteredGtin, default));

        // Without any prefix a manufacturer registers nothing.
        var noPrefix = await Assert.ThrowsAsync<DrugTrace.Application.Common.Exceptions.ForbiddenAccessException>(() =>
            new RegisterProductHandler(_world.Catalog, _world.Parties, ContextFor(Maker))
                .Handle(new RegisterProduct(Maker.Gln, UnregisteredGtin, "Aspirin", null, null), CancellationToken.None).AsTask());
        Assert.Equal("Acme Pharma has no GS1 company prefix registered, so it cannot register GTINs; a regulator records its prefixes.", noPrefix.Message);
    }

    [Fact]
    public void The_validator_words_a_blank_name_and_names_the_field_that_holds_a_control_character()
    {
        Assert.Equal([("name", "The product needs a name.")], Validate(Gtin, " ", null, null));
        Assert.Equal(
            ["The name contains", "The form contains", "The strength contains"],
            Validate(Gtin, "a\tb", "c\td", "e\tf").Select(e => e.Message[..e.Message.IndexOf(" contains", StringComparison.Ordinal)] + " contains"));
    }

    [Theory]
    [InlineData("Amoxi\0cillin", "name")]
    [InlineData("Line\nbreak", "name")]
    [InlineData("\u202Eevil", "name")]
    public void Control_characters_and_bidi_overrides_are_refused_by_field(string name, string field) =>
        Assert.Equal(field, Assert.Single(Validate(Gtin, name, null, null)).Field);

    [Theory]
    [InlineData("09506000134353", "Name", null, null, "gtin")]
    [InlineData(Gtin, " ", null, null, "name")]
    [InlineData(Gtin, "", null, null, "name")]
    public void Missing_or_wrong_fields_are_named(string gtin, string name, string? form, string? strength, string field) =>
        Assert.Equal(field, Assert.Single(Validate(gtin, name, form, strength)).Field);

    [Fact]
    public void Lengths_are_limited_at_200_and_100_characters()
    {
        Assert.Empty(Validate(Gtin, new string('n', 200), new string('f', 100), new string('s', 100)));
        Assert.Equal(["name", "form", "strength"], Validate(Gtin, new string('n', 201), new string('f', 101), new string('s', 101)).Select(e => e.Field));
        Assert.Equal("The name is longer than 200 characters.", Validate(Gtin, new string('n', 201), null, null).Single().Message);
    }

    private static List<(string Field, string Message)> Validate(string gtin, string name, string? form, string? strength) =>
        [.. new RegisterProductValidator().Validate(new RegisterProduct(Maker.Gln, gtin, name, form, strength))];
}
