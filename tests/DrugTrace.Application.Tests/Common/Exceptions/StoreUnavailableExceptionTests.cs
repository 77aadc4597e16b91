using DrugTrace.Application.Common.Exceptions;

namespace DrugTrace.Application.Tests.Common.Exceptions;

/// <summary>The 503's words: what is wrong with the store, and that nothing was stored.</summary>
public sealed class StoreUnavailableExceptionTests
{
    [Fact]
    public void The_message_names_the_reason_and_says_nothing_was_stored()
    {
        var inner = new IOException("no space left on device");
        var ex = new StoreUnavailableException("disk full", inner);

        Assert.Equal("The store cannot write: disk full. Nothing of this request was stored; try again later.", ex.Message);
        Assert.Equal("disk full", ex.Reason);
        Assert.Same(inner, ex.InnerException);
    }
}
