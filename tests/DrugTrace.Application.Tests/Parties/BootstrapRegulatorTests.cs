using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Tests.Parties;

/// <summary>The first regulator, once, with the bootstrap key; every refusal in its words and nothing stored by it.</summary>
public sealed class BootstrapRegulatorTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string Gln = "4000000000013";
    private readonly InMemoryPartyStore _parties = new();

    private ValueTask<PartyRegistered> BootstrapAsync(string? presented, string? configured = Key, string name = "Medicines Agency") =>
        new BootstrapRegulatorHandler(_parties, new BootstrapKey(configured)).Handle(new BootstrapRegulator(presented, Gln, name), default);

    [Fact]
    public async Task The_right_key_registers_the_first_regulator_with_an_API_key_that_signs_in()
    {
        var registered = await BootstrapAsync($" {Key} ", name: "  Medicines Agency ");

        Assert.Equal(new Party(Gln, "Medicines Agency", PartyRole.Regulator), registered.Party);
        Assert.StartsWith("dt_", registered.ApiKey);
        Assert.Equal(registered.Party, await _parties.FindByApiKeyHashAsync(ApiKeys.Hash(registered.ApiKey), default));
    }

    [Fact]
    public async Task Once_a_regulator_exists_the_key_opens_nothing()
    {
        _parties.Add(new Party("4000000000020", "Other Agency", PartyRole.Regulator));

        var error = await Assert.ThrowsAsync<ConflictException>(() => BootstrapAsync(Key).AsTask());

        Assert.Equal("A regulator is already registered: the bootstrap key has been used and opens nothing any more. Remove Bootstrap:RegulatorKey from the configuration.", error.Message);
        Assert.Null(await _parties.FindAsync(Gln, default));
    }

    [Fact]
    public async Task Other_parties_do_not_stop_the_bootstrap()
    {
        _parties.Add(TestWorld.Maker, TestWorld.Pharmacy);
        Assert.Equal(PartyRole.Regulator, (await BootstrapAsync(Key)).Party.Role);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcdeX")]
    public async Task A_wrong_or_missing_key_is_unauthenticated(string? presented)
    {
        var error = await Assert.ThrowsAsync<UnauthenticatedException>(() => BootstrapAsync(presented).AsTask());
        Assert.Equal("The X-Bootstrap-Key header does not hold this server's bootstrap key.", error.Message);
        Assert.Empty(await _parties.ListAsync(default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public async Task Without_a_configured_key_the_bootstrap_is_forbidden(string? configured)
    {
        var error = await Assert.ThrowsAsync<ForbiddenAccessException>(() => BootstrapAsync(Key, configured).AsTask());
        Assert.Equal("No bootstrap key is configured on this server (Bootstrap:RegulatorKey).", error.Message);
    }

    [Fact]
    public void The_validator_names_a_bad_GLN_and_a_missing_name()
    {
        var errors = new BootstrapRegulatorValidator().Validate(new BootstrapRegulator(Key, "4000000000014", " ")).ToList();
        Assert.Equal(["gln", "name"], errors.Select(e => e.Field));
        Assert.Equal("GLN 4000000000014 has a wrong check digit (expected 3).", errors[0].Message);
        Assert.Equal("The name is empty.", errors[1].Message);
        var control = Assert.Single(new BootstrapRegulatorValidator().Validate(new BootstrapRegulator(null, Gln, "Medicines\tAgency")));
        Assert.Equal("name", control.Field);
        Assert.StartsWith("The name contains ", control.Message);
        Assert.Empty(new BootstrapRegulatorValidator().Validate(new BootstrapRegulator(null, Gln, "Agency")));
    }
}
