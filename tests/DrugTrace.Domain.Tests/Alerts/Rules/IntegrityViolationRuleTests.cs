using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Ledger;
using static DrugTrace.Domain.Tests.Alerts.Rules.RuleFacts;

namespace DrugTrace.Domain.Tests.Alerts.Rules;

public class IntegrityViolationRuleTests
{
    [Fact]
    public void A_broken_pack_chain_is_a_critical_alert_naming_the_chain_and_seq()
    {
        var violation = new AuditViolation(StreamKind.Pack, Gtin, "SN1", 3, 1234, "hash does not match the event");

        var message = AssertFinding(IntegrityViolationRule.Check(violation), AlertKind.IntegrityViolation, Severity.Critical, null);

        Assert.Equal($"The ledger was altered: pack {Gtin}/SN1, seq 3: hash does not match the event.", message);
    }

    [Fact]
    public void A_broken_lot_chain_is_named_as_a_lot()
    {
        var violation = new AuditViolation(StreamKind.Lot, Gtin, "LOT42", 0, 7, "prevHash is not the previous event's hash");

        var finding = IntegrityViolationRule.Check(violation);

        Assert.Equal(AlertKind.IntegrityViolation, finding.Kind);
        Assert.StartsWith($"The ledger was altered: lot {Gtin}/LOT42, seq 0: ", finding.Message);
    }

    [Fact]
    public void An_altered_transparency_log_is_a_critical_alert_naming_the_problem()
    {
        var message = AssertFinding(IntegrityViolationRule.CheckLog("the signed root does not match the tree"), AlertKind.IntegrityViolation, Severity.Critical, null);
        Assert.Equal("The transparency log was altered: the signed root does not match the tree.", message);
    }
}
