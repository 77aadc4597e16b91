using DrugTrace.Application.Common.Behaviours;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Lots;
using Microsoft.Extensions.Time.Testing;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Common.Behaviours;

public class ValidationBehaviourTests
{
    private int _nextCalls;

    private sealed class LotPolicyValidator : IValidator<RegisterLot>
    {
        public IEnumerable<(string Field, string Message)> Validate(RegisterLot request)
        {
            if (!request.Lot.StartsWith("LOT", StringComparison.Ordinal)) yield return ("lot", "Our lots start with LOT.");
            if (request.Quantity % 10 != 0) yield return ("quantity", "Packs come in cartons of 10.");
        }
    }

    private ValueTask<LotCommissioned> Run(RegisterLot request, params IValidator<RegisterLot>[] validators) =>
        new ValidationBehaviour<RegisterLot, LotCommissioned>(validators).Handle(request, (r, _) =>
        {
            _nextCalls++;
            return ValueTask.FromResult(new LotCommissioned(r.Gtin, r.Lot, Expiry, []));
        }, CancellationToken.None);

    private static IValidator<RegisterLot>[] Validators() => [new RegisterLotValidator(new FakeTimeProvider(Start)), new LotPolicyValidator()];

    [Fact]
    public async Task Collects_every_error_of_every_validator_before_refusing()
    {
        var request = new RegisterLot(Maker.Gln, "123", "BAD LOT", "2027-13-01", -3);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Run(request, Validators()).AsTask());

        Assert.Equal(["expiry", "gtin", "lot", "quantity"], ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, ex.Errors["lot"].Length);
        Assert.Contains("Our lots start with LOT.", ex.Errors["lot"]);
        Assert.Equal(2, ex.Errors["quantity"].Length);
        Assert.Contains("Packs come in cartons of 10.", ex.Errors["quantity"]);
        Assert.Single(ex.Errors["gtin"]);
        Assert.Single(ex.Errors["expiry"]);
        Assert.Equal(0, _nextCalls);
    }

    [Fact]
    public async Task The_message_holds_every_problem()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Run(new RegisterLot(Maker.Gln, Gtin, "LOT42", "2027-12-31", 5), Validators()).AsTask());

        Assert.Equal("Packs come in cartons of 10.", ex.Message);
        Assert.Equal(["quantity"], ex.Errors.Keys);
    }

    [Fact]
    public async Task A_valid_request_reaches_the_handler()
    {
        var result = await Run(new RegisterLot(Maker.Gln, Gtin, "LOT42", "2027-12-31", 10), Validators());

        Assert.Equal(1, _nextCalls);
        Assert.Equal("LOT42", result.Lot);
    }

    [Fact]
    public async Task No_validators_means_no_checks()
    {
        await Run(new RegisterLot(Maker.Gln, "x", "", "", -1));

        Assert.Equal(1, _nextCalls);
    }
}
