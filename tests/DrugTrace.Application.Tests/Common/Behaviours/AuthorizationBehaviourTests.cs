using DrugTrace.Application.Parties;
using DrugTrace.Application.Common.Behaviours;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Dispensing;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Common.Behaviours;

public class AuthorizationBehaviourTests
{
    private readonly TestWorld _world = new();
    private readonly ActorContext _context = new();
    private int _nextCalls;

    /// <summary>Any role may ask, but only from a known party.</summary>
    [Authorize]
    public sealed record AnyoneRequest(string ActorGln) : IRequest<int>, IActorRequest;

    /// <summary>A request without an actor and without roles: not the behaviour's business.</summary>
    public sealed record AnonymousRequest : IRequest<int>;

    /// <summary>Roles but no actor: a programming mistake.</summary>
    [Authorize(PartyRole.Regulator)]
    public sealed record RolesWithoutActor : IRequest<int>;

    private ValueTask<TResponse> Run<TMessage, TResponse>(TMessage message, TResponse response)
        where TMessage : notnull, IMessage =>
        new AuthorizationBehaviour<TMessage, TResponse>(new PartyDirectory(_world.Parties), _context).Handle(message, (_, _) =>
        {
            _nextCalls++;
            return ValueTask.FromResult(response);
        }, CancellationToken.None);

    [Fact]
    public async Task An_unknown_gln_is_unauthenticated()
    {
        var ex = await Assert.ThrowsAsync<UnauthenticatedException>(() => Run(new DispensePack(UnknownGln, "code"), default(ScanOutcome)!).AsTask());

        Assert.Contains(UnknownGln, ex.Message);
        Assert.Equal(0, _nextCalls);
    }

    [Theory]
    [InlineData(PartyRole.Manufacturer)]
    [InlineData(PartyRole.Wholesaler)]
    [InlineData(PartyRole.Regulator)]
    public async Task A_role_not_listed_is_forbidden(PartyRole role)
    {
        var actor = new[] { Maker, Wholesaler, Regulator }.Single(p => p.Role == role);

        var ex = await Assert.ThrowsAsync<ForbiddenAccessException>(() => Run(new DispensePack(actor.Gln, "code"), default(ScanOutcome)!).AsTask());

        Assert.Contains("Pharmacy", ex.Message);
        Assert.Equal(0, _nextCalls);
    }

    [Fact]
    public async Task A_listed_role_passes_and_becomes_the_actor()
    {
        var result = await Run(new RecallLot(Maker.Gln, Gtin, "LOT42", "reason"), 42);

        Assert.Equal(42, result);
        Assert.Equal(1, _nextCalls);
        Assert.Equal(Maker, _context.Actor);
    }

    [Fact]
    public async Task A_refusal_names_every_role_the_use_case_allows()
    {
        var ex = await Assert.ThrowsAsync<ForbiddenAccessException>(() => Run(new ListLots(Pharmacy.Gln, Gtin), (IReadOnlyList<LotState>)[]).AsTask());

        Assert.Equal("This needs the role Manufacturer or Regulator; Corner Pharmacy is a Pharmacy.", ex.Message);
        Assert.Equal(0, _nextCalls);
    }

    [Fact]
    public async Task A_pharmacy_may_not_recall()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Run(new RecallLot(Pharmacy.Gln, Gtin, "LOT42", "reason"), 0).AsTask());
    }

    [Theory]
    [InlineData(PartyRole.Manufacturer)]
    [InlineData(PartyRole.Wholesaler)]
    [InlineData(PartyRole.Pharmacy)]
    [InlineData(PartyRole.Regulator)]
    public async Task Authorize_without_roles_lets_every_known_party_through(PartyRole role)
    {
        var actor = new[] { Maker, Wholesaler, Pharmacy, Regulator }.Single(p => p.Role == role);

        await Run(new GetPackHistory(actor.Gln, Gtin, "SN1"), 1);
        await Run(new AnyoneRequest(actor.Gln), 1);

        Assert.Equal(2, _nextCalls);
        Assert.Equal(actor, _context.Actor);
    }

    [Fact]
    public async Task Authorize_without_roles_still_needs_a_known_party()
    {
        await Assert.ThrowsAsync<UnauthenticatedException>(() => Run(new AnyoneRequest(UnknownGln), 1).AsTask());
    }

    [Fact]
    public async Task A_request_without_actor_or_roles_passes_through()
    {
        Assert.Equal(7, await Run(new AnonymousRequest(), 7));
        Assert.Equal(1, _nextCalls);
        Assert.Throws<InvalidOperationException>(() => _context.Actor);
    }

    [Fact]
    public async Task Roles_without_an_actor_are_a_programming_error()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Run(new RolesWithoutActor(), 1).AsTask());
        Assert.Equal(0, _nextCalls);
    }
}
