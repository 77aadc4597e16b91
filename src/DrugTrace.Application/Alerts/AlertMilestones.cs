namespace DrugTrace.Application.Alerts;

/// <summary>
/// When a repeat of a de-duplicated alert is worth a push: at count 2, 10, 100, 1000, ...
/// (the rule <see cref="AlertRaiser"/> applies in process; a store's change feed applies the same).
/// </summary>
public static class AlertMilestones
{
    public static bool IsMilestone(int count)
    {
        if (count < 2) return false;
        if (count == 2) return true;
        while (count >= 10 && count % 10 == 0) count /= 10;
        return count == 1;
    }
}
