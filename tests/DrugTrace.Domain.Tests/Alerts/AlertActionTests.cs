using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Tests.Alerts;

public class AlertActionTests
{
    [Fact]
    public void A_scan_shows_its_pack_action_a_check_its_check_and_no_action_reads_as_the_audit()
    {
        Assert.Equal("Verify", ((AlertAction)PackAction.Verify).ToString());
        Assert.Equal("Audit", AlertAction.Audit.ToString());
        Assert.Equal("Witness", AlertAction.Witness.ToString());
        Assert.Equal("Audit", default(AlertAction).ToString());
    }

    [Fact]
    public void Only_the_audit_is_the_audit()
    {
        Assert.True(AlertAction.Audit.IsAudit);
        Assert.False(AlertAction.Witness.IsAudit);
        Assert.False(((AlertAction)PackAction.Verify).IsAudit);
    }
}
