using DrugTrace.Application.Common.Wire;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Tests.Common.Wire;

public sealed class AlertActionNamesTests
{
    [Fact]
    public void Audit_witness_and_scans_have_their_words()
    {
        Assert.Equal("audit", AlertActionNames.Name(AlertAction.Audit));
        Assert.Equal("witness", AlertActionNames.Name(AlertAction.Witness));
        Assert.Equal(new WireName<PackAction>(PackAction.Dispense).Name, AlertActionNames.Name(PackAction.Dispense));
    }

    [Theory]
    [InlineData("audit")]
    [InlineData(" AUDIT ")]
    [InlineData("Witness")]
    [InlineData("dispense")]
    [InlineData("ship")]
    public void Every_word_reads_back_as_its_action(string word)
    {
        Assert.True(AlertActionNames.TryParse(word, out var action));
        Assert.Equal(word.Trim(), AlertActionNames.Name(action), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(action, AlertActionNames.Parse(word));
    }

    [Fact]
    public void Audit_and_witness_are_not_each_other()
    {
        Assert.Equal(AlertAction.Audit, AlertActionNames.Parse("audit"));
        Assert.Equal(AlertAction.Witness, AlertActionNames.Parse("witness"));
        Assert.NotEqual(AlertActionNames.Parse("audit"), AlertActionNames.Parse("witness"));
    }

    [Theory]
    [InlineData("teleport")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_word_is_not_an_action(string? word)
    {
        Assert.False(AlertActionNames.TryParse(word, out _));
    }

    [Fact]
    public void Parse_names_an_unknown_word()
    {
        var error = Assert.Throws<FormatException>(() => AlertActionNames.Parse("teleport"));
        Assert.Equal("'teleport' is not an alert action this DrugTrace knows (written by a newer version?).", error.Message);
    }
}
