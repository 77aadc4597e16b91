using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Tests.Transparency;

public sealed class GetConsistencyProofTests
{
    private readonly InMemoryLogTreeStore _store = new InMemoryLogTreeStore().Grow(20);

    private ValueTask<ConsistencyProof> Get(long from, long to) =>
        new GetConsistencyProofHandler(new LogTree(_store)).Handle(new GetConsistencyProof(from, to), default);

    [Theory]
    [InlineData(1, 20)]
    [InlineData(7, 13)]
    [InlineData(20, 20)]
    public async Task The_proof_verifies_between_the_roots_of_both_sizes(long from, long to)
    {
        var answer = await Get(from, to);

        Assert.Equal((from, to), (answer.From, answer.To));
        Assert.True(ProofVerifier.VerifyConsistency(from, to, answer.Proof, _store.Root(from), _store.Root(to)).IsValid);
    }

    [Fact]
    public async Task A_second_tree_larger_than_the_log_is_refused_on_to()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Get(3, 21).AsTask());
        Assert.Equal(["The log holds 20 events; there is no tree of size 21."], error.Errors["to"]);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 4)]
    [InlineData(4, 5)]
    public void The_validator_accepts_a_log_that_grew_or_stayed(long from, long to) =>
        Assert.Empty(new GetConsistencyProofValidator().Validate(new GetConsistencyProof(from, to)));

    [Theory]
    [InlineData(-1, 0, "from", "The first tree size must not be negative.")]
    [InlineData(0, -1, "to", "The second tree size must not be negative.")]
    [InlineData(6, 5, "from", "The first size (6) is larger than the second (5): a log only grows.")]
    public void The_validator_refuses_in_its_words(long from, long to, string field, string message) =>
        Assert.Contains((field, message), new GetConsistencyProofValidator().Validate(new GetConsistencyProof(from, to)));
}
