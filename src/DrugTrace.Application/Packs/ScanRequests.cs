using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Application.Decommissioning;
using DrugTrace.Application.Dispensing;
using DrugTrace.Application.Investigations;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Verification;
using DrugTrace.Domain.Packs;
using Mediator;

namespace DrugTrace.Application.Packs;

/// <summary>A scan's action word to its use case: shared by the scan endpoint and the scan workspace.</summary>
public static class ScanRequests
{
    /// <summary>The action words a scan accepts, in the workspace's order ("verify, receive, …").</summary>
    public static string Actions { get; } = string.Join(", ", RoleMatrix.ScanActions.Select(a => new WireName<PackAction>(a).Name));

    /// <summary>Reads an action word; no word is a verification, and "undo" is short for undo-dispense.</summary>
    public static PackAction Action(string? word)
    {
        var text = word?.Trim();
        if (string.IsNullOrEmpty(text)) return PackAction.Verify;
        if (string.Equals(text, "undo", StringComparison.OrdinalIgnoreCase)) return PackAction.UndoDispense;
        return WireNames.TryParse<PackAction>(text, out var name) && RoleMatrix.ScanActions.Contains(name.Value)
            ? name.Value
            : throw new ValidationException("action", $"'{text.ToLowerInvariant()}' is not an action; use one of: {Actions}.");
    }

    public static IRequest<ScanOutcome> For(string actor, string? code, string? action, string? to, string? reason, DateTimeOffset? scannedAt = null) =>
        For(actor, code, Action(action), to, reason, scannedAt);

    /// <param name="scannedAt">When the scan was made, if earlier than now (a scan queued offline).</param>
    public static IRequest<ScanOutcome> For(string actor, string? code, PackAction action, string? to, string? reason, DateTimeOffset? scannedAt = null)
    {
        var text = code ?? "";
        return action switch
        {
            PackAction.Verify => new VerifyPack(actor, text, scannedAt),
            PackAction.Receive => new ReceivePack(actor, text, scannedAt),
            PackAction.Ship => new ShipPack(actor, text, to, scannedAt),
            PackAction.Dispense => new DispensePack(actor, text, scannedAt),
            PackAction.UndoDispense => new UndoDispense(actor, text, scannedAt),
            PackAction.Decommission => new DecommissionPack(actor, text, reason, scannedAt),
            PackAction.Unlock => new UnlockPack(actor, text, scannedAt),
            // The scan's free-text reason is the quarantine's reason, or the note of its release or confirmation.
            PackAction.Quarantine => new QuarantinePack(actor, text, reason),
            PackAction.Release => new ReleasePack(actor, text, reason),
            PackAction.ConfirmIllegitimate => new ConfirmIllegitimate(actor, text, reason),
            _ => throw new ValidationException("action", $"'{new WireName<PackAction>(action).Name}' is not an action; use one of: {Actions}."),
        };
    }
}
