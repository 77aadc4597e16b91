using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Tests.Transparency;

public sealed class GetInclusionProofTests
{
    private readonly InMemoryLogTreeStore _store = new InMemoryLogTreeStore().Grow(20);

    private ValueTask<InclusionProof> Get(long index, long size) =>
        new GetInclusionProofHandler(new LogTree(_store)).Handle(new GetInclusionProof(index, size), default);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(13, 20)]
    [InlineData(19, 20)]
    public async Task The_proof_names_the_leaf_and_verifies_against_the_root_of_that_size(long index, long size)
    {
        var answer = await Get(index, size);

        Assert.Equal((index, size, _store.Leaves[(int)index]), (answer.Index, answer.Size, answer.LeafHash));
        Assert.True(ProofVerifier.VerifyInclusion(index, size, answer.LeafHash, answer.Proof, _store.Root(size)).IsValid);
    }

    [Fact]
    public async Task A_tree_larger_than_the_log_is_refused_on_size()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Get(3, 21).AsTask());
        Assert.Equal(["The log holds 20 events; there is no tree of size 21."], error.Errors["size"]);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 5)]
    public void The_validator_accepts_a_leaf_below_the_size(long index, long size) =>
        Assert.Empty(new GetInclusionProofValidator().Validate(new GetInclusionProof(index, size)));

    [Theory]
    [InlineData(0, 0, "size", "The tree size must be at least 1.")]
    [InlineData(-1, 5, "index", "The leaf index must not be negative.")]
    [InlineData(5, 5, "index", "Leaf 5 is not in a tree of size 5: the index must be below the size.")]
    public void The_validator_refuses_in_its_words(long index, long size, string field, string message) =>
        Assert.Contains((field, message), new GetInclusionProofValidator().Validate(new GetInclusionProof(index, size)));

    [Fact]
    public void A_negative_index_is_not_also_reported_as_beyond_the_size() =>
        Assert.Equal([("index", "The leaf index must not be negative.")], new GetInclusionProofValidator().Validate(new GetInclusionProof(-1, 5)));
}
