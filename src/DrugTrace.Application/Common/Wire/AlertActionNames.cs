using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Common.Wire;

/// <summary>The word of an <see cref="AlertAction"/> in the API, the hub and both stores: the pack action's wire name, "audit" or "witness".</summary>
public static class AlertActionNames
{
    public const string Audit = "audit";
    public const string Witness = "witness";

    public static string Name(AlertAction action) =>
        action.Scan is { } scan ? new WireName<PackAction>(scan).Name : action.Check == LedgerCheck.Witness ? Witness : Audit;

    /// <summary>Reads a stored word; one this version does not know is a <see cref="FormatException"/>.</summary>
    public static AlertAction Parse(string word) =>
        TryParse(word, out var action) ? action : throw new FormatException($"'{word}' is not an alert action this DrugTrace knows (written by a newer version?).");

    public static bool TryParse(string? word, out AlertAction action)
    {
        if (string.Equals(word?.Trim(), Audit, StringComparison.OrdinalIgnoreCase))
        {
            action = AlertAction.Audit;
            return true;
        }
        if (string.Equals(word?.Trim(), Witness, StringComparison.OrdinalIgnoreCase))
        {
            action = AlertAction.Witness;
            return true;
        }
        var found = WireNames.TryParse<PackAction>(word, out var name);
        action = found ? name.Value : default;
        return found;
    }
}
