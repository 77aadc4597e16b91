using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class AiElementTests
{
    [Fact]
    public void An_element_shows_as_its_bracketed_AI_and_value() =>
        Assert.Equal("(17)271231", new AiElement("17", "271231").ToString());
}
