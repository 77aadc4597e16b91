using System.Collections.Frozen;
using System.Reflection;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Audit;
using DrugTrace.Application.Dashboard;
using DrugTrace.Application.Decommissioning;
using DrugTrace.Application.Dispensing;
using DrugTrace.Application.Investigations;
using DrugTrace.Application.Labels;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Products;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Stock;
using DrugTrace.Application.Transparency;
using DrugTrace.Application.Verification;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Domain.Parties.PartyRole;

namespace DrugTrace.Application.Common.Security;

/// <summary>
/// Who may do what, in one place: the authorisation behaviour checks every request against it and
/// the UI builds its menus from it. The roles of a pack handoff are the domain's own rule
/// (<see cref="PackLifecycle.IsAllowed"/>, which the decision checks again), so the three can no
/// longer disagree. Custody (which pack, held by whom) is decided per pack, not here.
/// </summary>
public static class RoleMatrix
{
    private static readonly PartyRole[] Everyone = Enum.GetValues<PartyRole>();

    private static readonly UseCaseAccess[] Rows =
    [
        // Pack handoffs, in the order the scan workspace offers them.
        Handoff<VerifyPack>(PackAction.Verify),
        Handoff<ReceivePack>(PackAction.Receive),
        Handoff<ShipPack>(PackAction.Ship),
        Handoff<DispensePack>(PackAction.Dispense),
        Handoff<UndoDispense>(PackAction.UndoDispense),
        Handoff<DecommissionPack>(PackAction.Decommission),
        Handoff<UnlockPack>(PackAction.Unlock),
        Handoff<QuarantinePack>(PackAction.Quarantine),
        Handoff<ReleasePack>(PackAction.Release),
        Handoff<ConfirmIllegitimate>(PackAction.ConfirmIllegitimate),
        Handoff<ReceiveDelivery>(PackAction.Receive),

        // Cases and pallets (SSCC): packing by those who ship, unpacking by any trading party; custody per case in the handlers.
        Case<Cases.PackCase>(CaseAction.Pack),
        Case<Cases.UnpackCase>(CaseAction.Unpack),
        // The holder, recipient and packer of a case see it, regulators any (in the handler).
        AnyParty<Cases.GetCase>(),

        // A party's own stock and shipments; the regulator asks about packs, not stock.
        Only<GetStock>(Manufacturer, Wholesaler, Pharmacy),
        Only<ListShipments>(Manufacturer, Wholesaler, Pharmacy),

        Only<RegisterProduct>(Manufacturer),
        Only<RegisterLot>(Manufacturer),
        Only<RecallLot>(Manufacturer),
        Only<ListLots>(Manufacturer, Regulator),
        Only<GetLotPacks>(Manufacturer, Regulator),
        Only<GetPackForLabel>(Manufacturer, Regulator),
        Only<RegisterParty>(Regulator),
        Only<UpdateAlert>(Regulator),
        Only<GetDashboard>(Regulator),
        Only<AuditLedger>(Regulator),
        Only<GetRecentCheckpoints>(Regulator),
        Only<Transparency.GetWitnessOverview>(Regulator),

        // Any registered party; what each one sees is narrowed by its handler.
        AnyParty<ListProducts>(),
        AnyParty<ListParties>(),
        AnyParty<GetPackHistory>(),
        AnyParty<GetPackProof>(),
        AnyParty<ListAlerts>(),
        AnyParty<GetAlert>(),
        AnyParty<Epcis.ExportPackEpcis>(),
        AnyParty<Epcis.QueryEpcisEvents>(),
        // A captured handoff is judged by the domain's handoff rule, a recall by RecallLot's row, a commissioning by RegisterLot's (in the handler).
        AnyParty<Epcis.CaptureEvents>(),
        // A party follows its own capture jobs, a regulator anyone's (in the handler).
        AnyParty<Epcis.GetCaptureJob>(),
        // VRS requesters are wholesalers and pharmacies in practice; any party may check its stock.
        AnyParty<VerifyForVrs>(),
        AnyParty<CheckVrsConnectivity>(),
        // A party manages its own keys, a regulator anyone's (KeyOwner in the handlers).
        AnyParty<IssueApiKey>(),
        AnyParty<ListApiKeys>(),
        AnyParty<RevokeApiKey>(),

        Public<VerifyPublicly>(),

        // The transparency log is read by anyone: hashes and signatures only, never event bodies.
        Public<GetLogKey>(),
        Public<GetLogCheckpoint>(),
        Public<GetLogTile>(),
        Public<GetInclusionProof>(),
        Public<GetConsistencyProof>(),
        // A witness is asked by logs it does not know: the log's signature on the checkpoint is the credential.
        Public<Witness.AddWitnessCheckpoint>(),
        Public<Witness.GetWitnessKey>(),
        // Holds no actor: the one-time bootstrap key is its credential.
        Public<BootstrapRegulator>(),
    ];

    private static readonly FrozenDictionary<Type, UseCaseAccess> ByRequest = Rows.ToFrozenDictionary(r => r.Request);

    public static IReadOnlyList<UseCaseAccess> All => Rows;

    /// <summary>The row of a request type; a request of another assembly (a test's) may declare its roles with <see cref="AuthorizeAttribute"/>.</summary>
    public static UseCaseAccess? For(Type request) =>
        ByRequest.GetValueOrDefault(request)
        ?? (request.GetCustomAttribute<AuthorizeAttribute>() is { } declared
            ? new UseCaseAccess(request, false, declared.Roles.Count == 0 ? Everyone : declared.Roles)
            : null);

    /// <summary>The handoffs a role may scan for, each once, in the workspace's order.</summary>
    public static IReadOnlyList<PackAction> ScanActionsFor(PartyRole role) =>
        [.. Rows.Where(r => r.Action is not null && r.Allows(role)).Select(r => r.Action!.Value).Distinct()];

    /// <summary>Every handoff that has a use case, in the workspace's order.</summary>
    public static IReadOnlyList<PackAction> ScanActions { get; } = [.. Rows.Where(r => r.Action is not null).Select(r => r.Action!.Value).Distinct()];

    private static UseCaseAccess Handoff<TRequest>(PackAction action) =>
        new(typeof(TRequest), false, [.. Everyone.Where(role => PackLifecycle.IsAllowed(role, action))], action);

    private static UseCaseAccess Case<TRequest>(CaseAction action) =>
        new(typeof(TRequest), false, [.. Everyone.Where(role => CaseLifecycle.IsAllowed(role, action))]);

    private static UseCaseAccess Only<TRequest>(params PartyRole[] roles) => new(typeof(TRequest), false, roles);

    private static UseCaseAccess AnyParty<TRequest>() => new(typeof(TRequest), false, Everyone);

    private static UseCaseAccess Public<TRequest>() => new(typeof(TRequest), true, []);
}
