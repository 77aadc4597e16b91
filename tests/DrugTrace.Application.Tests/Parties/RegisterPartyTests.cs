using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Tests.Parties;

public class RegisterPartyTests
{
    private readonly InMemoryPartyStore _parties = new();

    [Fact]
    public async Task A_party_is_stored_with_the_hash_of_a_fresh_key_that_is_returned_once()
    {
        var handler = new RegisterPartyHandler(_parties);
        var registered = await handler.Handle(new RegisterParty("4000000000013", " 4012347000014 ", "  Linden ", "pharmacy"), CancellationToken.None);
        Assert.Equal(new Party("4012347000014", "Linden", PartyRole.Pharmacy), registered.Party);
        Assert.Matches("^dt_[0-9a-f]{64}$", registered.ApiKey);
        Assert.Equal(registered.Party, await _parties.FindByApiKeyHashAsync(ApiKeys.Hash(registered.ApiKey), default));
        Assert.Null(await _parties.FindByApiKeyHashAsync(registered.ApiKey, default));

        var other = await handler.Handle(new RegisterParty("4000000000013", "5012347000013", "Harbour", "Pharmacy"), CancellationToken.None);
        Assert.NotEqual(registered.ApiKey, other.ApiKey);
    }

    [Fact]
    public void The_key_hash_is_lower_case_hex_sha256() =>
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ApiKeys.Hash("hello"));

    [Theory]
    [InlineData("4012347000015", "Name", "Pharmacy", "gln")]
    [InlineData("4012347000014", " ", "Pharmacy", "name")]
    [InlineData("4012347000014", "Name", "Chemist", "role")]
    [InlineData("4012347000014", "Name", "2", "role")]
    public void Wrong_fields_are_named(string gln, string name, string role, string field) =>
        Assert.Equal(field, Assert.Single(Validate(gln, name, role)).Field);

    [Fact]
    public void A_role_is_named_in_any_case_and_a_name_is_at_most_200_characters()
    {
        Assert.Empty(Validate("4012347000014", new string('n', 200), "wHoLeSaLeR"));
        Assert.Equal("The name is longer than 200 characters.", Assert.Single(Validate("4012347000014", new string('n', 201), "Regulator")).Message);
        Assert.Equal("'Chemist' is not a role; use one of: Manufacturer, Wholesaler, Pharmacy, Regulator.",
            Assert.Single(Validate("4012347000014", "N", "Chemist")).Message);
    }

    [Fact]
    public void Company_prefixes_are_checked_one_by_one_and_at_most_twenty()
    {
        static List<(string Field, string Message)> With(IReadOnlyList<string> prefixes) =>
            [.. new RegisterPartyValidator().Validate(new RegisterParty("4000000000013", "4012347000014", "N", "Pharmacy", prefixes))];

        Assert.Empty(With([.. Enumerable.Range(0, 20).Select(i => $"40123{i:00}")]));
        Assert.Equal([("companyPrefixes", "At most 20 company prefixes per party.")], With([.. Enumerable.Range(0, 21).Select(i => $"40123{i:00}")]));
        Assert.Equal(["companyPrefixes", "companyPrefixes"], With(["4012347", "12", "x1234567"]).Select(e => e.Field));
        Assert.Equal("The party needs a name.", Assert.Single(Validate("4012347000014", "", "Pharmacy")).Message);
    }

    [Fact]
    public async Task Company_prefixes_named_twice_are_stored_once()
    {
        var registered = await new RegisterPartyHandler(_parties).Handle(
            new RegisterParty("4000000000013", "4012347000014", "Linden", "Pharmacy", ["4012347", "4012348", "4012347"]), default);
        Assert.Equal(["4012347", "4012348"], await _parties.CompanyPrefixesAsync(registered.Party.Gln, default));
        var none = await new RegisterPartyHandler(_parties).Handle(new RegisterParty("4000000000013", "5012347000013", "Harbour", "Pharmacy"), default);
        Assert.Empty(await _parties.CompanyPrefixesAsync(none.Party.Gln, default));
    }

    [Fact]
    public void A_name_with_a_control_character_is_refused_in_words_naming_the_name()
    {
        var (field, message) = Assert.Single(Validate("4012347000014", "Corner\tPharmacy", "Pharmacy"));
        Assert.Equal("name", field);
        Assert.StartsWith("The name contains ", message);
        Assert.EndsWith("(U+0009) at position 7; use plain text on one line.", message);
    }

    private static List<(string Field, string Message)> Validate(string gln, string name, string role) =>
        [.. new RegisterPartyValidator().Validate(new RegisterParty("4000000000013", gln, name, role))];
}
