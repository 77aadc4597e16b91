using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class ProofCheckTests
{
    [Fact]
    public void Reads_as_valid_or_as_its_problem()
    {
        Assert.Equal("valid", ProofCheck.Valid.ToString());
        Assert.Equal("the root differs", ProofCheck.Invalid("the root differs").ToString());
    }
}
