using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Scanning;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DrugTrace.Web.Components.Pages.Scan;

/// <summary>The scan workspace's state and handlers; the markup (and what it injects) is in Workspace.razor.</summary>
public partial class Workspace
{
    public const int SessionLength = 20;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>Preselects an action (e.g. /scan?action=dispense) when the role may use it.</summary>
    [SupplyParameterFromQuery(Name = "action")] public string? InitialAction { get; set; }

    private SignedInUser? _user;
    private IReadOnlyList<(PackAction Action, string Label)> _actions = [];
    private IReadOnlyList<Party> _recipients = [];
    private MudTextField<string>? _input;
    private CameraScanner? _camera;
    private BulkReceivePanel? _bulkPanel;
    private PackAction _action = PackAction.Verify;
    private string? _to;
    private string? _reason;
    private string? _code;
    private bool _busy;
    private bool _bulk;
    private bool _canReceive;
    private string? _problem;
    private ScanEntry? _last;
    private readonly List<ScanEntry> _session = [];
    private ScannerCheck? _check;
    private string _lastSource = "";

    private bool CameraOn => _camera?.IsOn == true;

    // After-render runs only once the circuit is live (never while prerendering): then keys reach the page.
    private bool _interactive;

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender || _user is null) return;
        // From now on the offline queue knows who scans and what; it replays what waits from an outage.
        _interactive = true;
        StateHasChanged();
    }

    private string ActionLabel => _actions.FirstOrDefault(a => a.Action == _action).Label ?? PackHandoffs.ActionName(_action);

    private void ShipToChanged(string? to) => _to = to;

    private void ReasonChanged(string? reason) => _reason = reason;

    /// <summary>A scan of this page, or one replayed from the offline queue: newest first, the last <see cref="SessionLength"/>.</summary>
    private void AddToSession(ScanEntry entry)
    {
        _session.Insert(0, entry);
        if (_session.Count > SessionLength) _session.RemoveAt(_session.Count - 1);
    }

    protected override async Task OnInitializedAsync()
    {
        _user = AuthState is null ? null : SignedInUser.From((await AuthState).User);
        if (_user is null) return;
        _actions = ScanActions.For(_user.Role);
        _canReceive = _actions.Any(a => a.Action == PackAction.Receive);
        if (ScanActions.Asked(InitialAction, _actions) is { } asked) _action = asked;
        if (_actions.Any(a => a.Action == PackAction.Ship))
        {
            _problem = await ProblemOfAsync(async () =>
            {
                var parties = await UseCases.SendAsync(new ListParties(_user.Gln));
                _recipients = [.. parties.Where(p => p.Gln != _user.Gln && p.Role is PartyRole.Wholesaler or PartyRole.Pharmacy)];
            });
        }
    }

    private async Task ActionChanged(PackAction action)
    {
        // A decommission reason is no quarantine's reason, nor the other way round.
        if (action != _action) _reason = null;
        _action = action;
        _problem = null;
        await FocusInputAsync();
    }

    private async Task KeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter") await SubmitAsync();
    }

    private async Task SubmitAsync()
    {
        if (_busy || _user is null) return;
        var code = (_code ?? "").TrimEnd('\r', '\n');
        if (string.IsNullOrWhiteSpace(code))
        {
            _problem = "Scan a pack or type its code first.";
            return;
        }
        await SubmitCodeAsync(code, "scanner or keyboard");
    }

    private Task ReadAsync(ScannedCode read) => SubmitCodeAsync(read.Code, read.Source);

    /// <summary>Every way in (scanner, keyboard, camera, photo) ends here: the same scan use case.</summary>
    private async Task SubmitCodeAsync(string code, string source)
    {
        if (_user is null) return;
        _check = ScannerCheck.Of(code, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime));
        _lastSource = source;
        if (_bulk && _bulkPanel is not null)
        {
            _bulkPanel.Add(code);
            _code = null;
            _problem = null;
            StateHasChanged();
            if (!CameraOn) await FocusInputAsync();
            return;
        }
        if (_action == PackAction.Ship && string.IsNullOrEmpty(_to))
        {
            // Not a scan yet: a typed code stays in the field for when the destination is chosen.
            _problem = "Choose where to ship the pack (Ship to) first, then scan it again.";
            return;
        }
        _busy = true;
        _problem = null;
        ScanOutcome? outcome = null;
        _problem = await ProblemOfAsync(async () =>
        {
            outcome = await UseCases.SendAsync(ScanRequests.For(_user.Gln, code, _action, _to, _reason));
            _code = null;
        });
        _busy = false;
        var entry = new ScanEntry(Clock.GetUtcNow(), _action, code, outcome, _problem);
        _last = entry;
        AddToSession(entry);
        StateHasChanged();
        await FocusInputAsync();
    }

    private async Task FocusInputAsync()
    {
        if (_input is not null) await _input.FocusAsync();
    }

    private void ShowProblem(string? problem) => _problem = problem;

    /// <summary>A delivery received in bulk: each of its packs joins the session list, as a single receive would.</summary>
    private void AddReceipt(DrugTrace.Application.Shipping.DeliveryReceipt receipt)
    {
        var at = Clock.GetUtcNow();
        foreach (var item in receipt.Items.Reverse())
        {
            var verdict = item.Verdict.Value switch
            {
                DrugTrace.Application.Shipping.DeliveryVerdict.Ok => ScanVerdict.Ok,
                DrugTrace.Application.Shipping.DeliveryVerdict.Alert => ScanVerdict.Alert,
                _ => ScanVerdict.Refused,
            };
            var outcome = item.Verdict.Value == DrugTrace.Application.Shipping.DeliveryVerdict.Unreadable
                ? null
                : new ScanOutcome(verdict, item.Message, item.Pack, item.Alerts, null);
            _session.Insert(0, new ScanEntry(at, PackAction.Receive, item.Code, outcome, outcome is null ? item.Message : null, Bulk: true));
        }
        while (_session.Count > SessionLength) _session.RemoveAt(_session.Count - 1);
    }

    private void SetBusy(bool busy) => _busy = busy;

    private async Task ToggleCameraAsync()
    {
        if (_camera is not null) await _camera.ToggleAsync();
    }

    private async Task BulkChangedAsync(bool on)
    {
        _bulk = on;
        _problem = null;
        if (CameraOn) await _camera!.StopAsync();
        await FocusInputAsync();
    }

    /// <summary>The browser read a code (the camera's entry point, kept on the page for callers of the page).</summary>
    public Task OnCameraRead(string text, string symbologyId, string format) =>
        _camera?.OnCameraRead(text, symbologyId, format) ?? Task.CompletedTask;

    /// <summary>The camera could not be used (kept on the page for callers of the page).</summary>
    public Task OnCameraError(string kind, string detail) =>
        _camera?.OnCameraError(kind, detail) ?? Task.CompletedTask;
}
