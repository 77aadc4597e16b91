using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Verification;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Verification;

public sealed class CheckVrsConnectivityTests
{
    private readonly TestWorld _world = new();

    private ValueTask<VrsConnectivity> CheckAsync(string? gtin, string? reqGln) =>
        new CheckVrsConnectivityHandler(_world.Catalog, ContextFor(Pharmacy)).Handle(new CheckVrsConnectivity(Pharmacy.Gln, gtin, reqGln), default);

    [Fact]
    public async Task A_registered_GTIN_is_answered_by_its_brand_owner()
    {
        Assert.Equal(new VrsConnectivity(OtherMaker.Gln), await CheckAsync(OtherGtin, Pharmacy.Gln));
    }

    [Fact]
    public async Task An_unregistered_GTIN_is_not_answered()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => CheckAsync(UnregisteredGtin, Pharmacy.Gln).AsTask());
        Assert.Equal($"DrugTrace does not answer for GTIN {UnregisteredGtin}: none of its manufacturers registered it.", error.Message);
    }

    [Fact]
    public async Task A_GTIN_with_a_wrong_check_digit_is_refused_on_gtin()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => CheckAsync("09506000134353", Pharmacy.Gln).AsTask());
        Assert.Equal(["GTIN 09506000134353 has a wrong check digit (expected 2)."], error.Errors["gtin"]);
    }

    [Fact]
    public async Task The_requester_must_name_itself()
    {
        var missing = await Assert.ThrowsAsync<ValidationException>(() => CheckAsync(Gtin, null).AsTask());
        Assert.Equal(["reqGLN must be your GLN: The GLN is empty."], missing.Errors["reqGLN"]);
        var other = await Assert.ThrowsAsync<ForbiddenAccessException>(() => CheckAsync(Gtin, Wholesaler.Gln).AsTask());
        Assert.Equal($"reqGLN {Wholesaler.Gln} is not the GLN of Corner Pharmacy ({Pharmacy.Gln}), whose key made this request.", other.Message);
    }
}
