using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Storage.Contract;

/// <summary>
/// What every alert store must do: de-duplicate within the window, filter by visibility, page,
/// and update optimistically with a history. A store's test class derives from this and supplies
/// a fresh, empty store.
/// </summary>
public abstract class AlertStoreContractTests
{
    private const string Gtin = "09506000134352";
    private const string OtherGtin = "09506000134369";
    private const string Maker = "4012345000016";
    private const string OtherMaker = "4012345000023";
    private const string Pharmacy = "4055555000018";
    private const string OtherPharmacy = "4055555000025";
    private const string Regulator = "4000000000013";
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);

    protected abstract IAlertStore Alerts { get; }

    /// <summary>Called first by every contract test: skip (with <c>Skip.If</c>) when the store cannot be reached at all.</summary>
    protected virtual void RequireStore()
    {
    }

    private static Alert Make(string serial, string party = Pharmacy, AlertKind kind = AlertKind.UnknownSerial, string gtin = Gtin,
        string? brand = Maker, DateTimeOffset? at = null, bool scanningError = false) => new()
    {
        Kind = kind,
        Severity = scanningError ? Severity.Low : AlertCatalog.SeverityOf(kind),
        ReasonCode = AlertCatalog.EuReasonCode(kind),
        Message = $"{kind}: serial {serial}.",
        Action = PackAction.Dispense,
        ScannedCode = $"(01){gtin}(17)271231(10)LOT42(21){serial}",
        ScannedGtin = gtin,
        ScannedSerial = serial,
        ScannedLot = "LOT42",
        ScannedExpiry = new DateOnly(2027, 12, 31),
        PackGtin = gtin,
        PackSerial = serial,
        ScanningParty = party,
        BrandOwner = brand,
        ProbableScanningError = scanningError,
        RaisedAt = at ?? T0,
        LastSeenAt = at ?? T0,
    };

    private async Task<Alert> RaiseAsync(Alert alert)
    {
        var (stored, isNew) = await Alerts.RaiseAsync(alert, Window, default);
        Assert.True(isNew);
        return stored;
    }

    private async Task<Alert> ChangeAsync(Alert alert, AlertStatus status, AlertResolution? resolution = null, string? note = null, DateTimeOffset? at = null)
    {
        var (changed, error) = AlertLifecycle.Change(alert, status, resolution, note, Regulator, at ?? T0.AddMinutes(5));
        Assert.Null(error);
        Assert.True(await Alerts.TryUpdateAsync(changed!, default));
        return changed!;
    }

    private async Task<IReadOnlyList<string?>> Serials(AlertQuery query) => [.. (await Alerts.QueryAsync(query, default)).Select(a => a.PackSerial)];

    // ---- Raise and de-duplicate ----------------------------------------------------------------

    [SkippableFact]
    public async Task A_new_alert_is_stored_with_every_field_and_read_back()
    {
        RequireStore();
        var candidate = Make("SN1", scanningError: true) with { ScannedSerial = "sn1", Message = "Probable scanning error: ..." };

        var (stored, isNew) = await Alerts.RaiseAsync(candidate, Window, default);

        Assert.True(isNew);
        Assert.True(stored.Id > 0);
        Assert.Equal(candidate with { Id = stored.Id, History = stored.History }, stored);
        var read = await Alerts.GetAsync(stored.Id, default);
        Assert.NotNull(read);
        Assert.Equal(stored, read with { History = stored.History });
        Assert.Empty(read.History);
    }

    [SkippableFact]
    public async Task Optional_fields_may_be_missing()
    {
        RequireStore();
        var unreadable = Make("X") with
        {
            ReasonCode = null, ScannedGtin = null, ScannedSerial = null, ScannedLot = null, ScannedExpiry = null,
            PackGtin = null, PackSerial = null, BrandOwner = null, ScannedCode = "garbage",
        };

        var stored = await RaiseAsync(unreadable);

        var read = (await Alerts.GetAsync(stored.Id, default))!;
        Assert.Equal(unreadable with { Id = stored.Id, History = read.History }, read);
    }

    [SkippableFact]
    public async Task Ids_grow()
    {
        RequireStore();
        var first = await RaiseAsync(Make("SN1"));
        var second = await RaiseAsync(Make("SN2"));
        Assert.True(second.Id > first.Id);
    }

    [SkippableFact]
    public async Task A_repeat_within_the_window_raises_the_count_and_moves_last_seen()
    {
        RequireStore();
        var first = await RaiseAsync(Make("SN1"));

        var (repeat, isNew) = await Alerts.RaiseAsync(Make("SN1", at: T0.AddMinutes(59)), Window, default);

        Assert.False(isNew);
        Assert.Equal(first.Id, repeat.Id);
        Assert.Equal((2, T0, T0.AddMinutes(59)), (repeat.Count, repeat.RaisedAt, repeat.LastSeenAt));
        var read = (await Alerts.GetAsync(first.Id, default))!;
        Assert.Equal((2, T0, T0.AddMinutes(59)), (read.Count, read.RaisedAt, read.LastSeenAt));
        Assert.Single(await Alerts.QueryAsync(new AlertQuery(), default));
    }

    [SkippableFact]
    public async Task A_repeat_of_an_alert_under_investigation_comes_back_with_its_history()
    {
        RequireStore();
        var first = await RaiseAsync(Make("SN1"));
        await ChangeAsync(first, AlertStatus.Investigating, note: "Asked the pharmacy.");

        var (repeat, isNew) = await Alerts.RaiseAsync(Make("SN1", at: T0.AddMinutes(10)), Window, default);

        // The repeat is pushed to the open alert page, which would otherwise lose its history panel.
        Assert.False(isNew);
        var change = Assert.Single(repeat.History);
        Assert.Equal((AlertStatus.Investigating, "Asked the pharmacy.", Regulator), (change.Status, change.Note, change.By));
        Assert.Equal((AlertStatus.Investigating, 2), (repeat.Status, repeat.Count));
        Assert.Equal((await Alerts.GetAsync(first.Id, default))!.History, repeat.History);
    }

    [SkippableFact]
    public async Task The_window_runs_from_the_last_repeat()
    {
        RequireStore();
        var first = await RaiseAsync(Make("SN1"));
        await Alerts.RaiseAsync(Make("SN1", at: T0.AddMinutes(50)), Window, default);

        var (third, isNew) = await Alerts.RaiseAsync(Make("SN1", at: T0.AddMinutes(100)), Window, default);

        Assert.False(isNew);
        Assert.Equal((first.Id, 3), (third.Id, third.Count));
    }

    [SkippableFact]
    public async Task A_repeat_after_the_window_is_a_new_alert()
    {
        RequireStore();
        var first = await RaiseAsync(Make("SN1"));

        var (later, isNew) = await Alerts.RaiseAsync(Make("SN1", at: T0 + Window + TimeSpan.FromMilliseconds(1)), Window, default);

        Assert.True(isNew);
        Assert.NotEqual(first.Id, later.Id);
        Assert.Equal(1, later.Count);
        Assert.Equal(1, (await Alerts.GetAsync(first.Id, default))!.Count);
    }

    [SkippableFact]
    public async Task A_repeat_of_a_closed_alert_is_a_new_alert()
    {
        RequireStore();
        var first = await RaiseAsync(Make("SN1"));
        await ChangeAsync(first, AlertStatus.Closed, AlertResolution.FalsePositive);

        var (again, isNew) = await Alerts.RaiseAsync(Make("SN1", at: T0.AddMinutes(10)), Window, default);

        Assert.True(isNew);
        Assert.NotEqual(first.Id, again.Id);
        Assert.Equal(AlertStatus.Open, again.Status);
        Assert.Equal(1, (await Alerts.GetAsync(first.Id, default))!.Count);
    }

    [SkippableFact]
    public async Task A_repeat_of_an_alert_under_investigation_is_still_folded_in()
    {
        RequireStore();
        var first = await RaiseAsync(Make("SN1"));
        await ChangeAsync(first, AlertStatus.Investigating);

        var (again, isNew) = await Alerts.RaiseAsync(Make("SN1", at: T0.AddMinutes(10)), Window, default);

        Assert.False(isNew);
        Assert.Equal((first.Id, 2, AlertStatus.Investigating, 1), (again.Id, again.Count, again.Status, again.Version));
    }

    [SkippableFact]
    public async Task Another_party_kind_or_pack_is_another_alert()
    {
        RequireStore();
        await RaiseAsync(Make("SN1"));

        await RaiseAsync(Make("SN1", party: OtherPharmacy));
        await RaiseAsync(Make("SN1", kind: AlertKind.UnknownLot));
        await RaiseAsync(Make("SN2"));
        await RaiseAsync(Make("SN1", gtin: OtherGtin, brand: OtherMaker));

        Assert.Equal(5, (await Alerts.QueryAsync(new AlertQuery(), default)).Count);
    }

    [SkippableFact]
    public async Task A_real_alert_is_not_folded_into_a_scanning_error_on_the_same_pack()
    {
        RequireStore();
        var scanningError = await RaiseAsync(Make("SN1", kind: AlertKind.LotMismatch, scanningError: true));

        var (real, isNew) = await Alerts.RaiseAsync(Make("SN1", kind: AlertKind.LotMismatch, at: T0.AddMinutes(1)), Window, default);

        Assert.True(isNew);
        Assert.NotEqual(scanningError.Id, real.Id);
        Assert.Equal(Severity.Critical, real.Severity);
        Assert.Equal(1, (await Alerts.GetAsync(scanningError.Id, default))!.Count);
    }

    [SkippableFact]
    public async Task Fifty_concurrent_repeats_are_one_alert_counted_fifty_times()
    {
        RequireStore();
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(async () => await Alerts.RaiseAsync(Make("STORM", at: T0.AddMilliseconds(i)), Window, default))));

        Assert.Single(results, r => r.IsNew);
        Assert.Single(results.Select(r => r.Alert.Id).Distinct());
        var stored = Assert.Single(await Alerts.QueryAsync(new AlertQuery(), default));
        Assert.Equal(50, stored.Count);
        Assert.Equal(Enumerable.Range(1, 50), results.Select(r => r.Alert.Count).Order());
    }

    // ---- Get -------------------------------------------------------------------------------------

    [SkippableFact]
    public async Task A_missing_alert_is_null()
    {
        RequireStore();
        Assert.Null(await Alerts.GetAsync(12345, default));
    }

    [SkippableFact]
    public async Task Get_returns_the_history_in_order()
    {
        RequireStore();
        var alert = await RaiseAsync(Make("SN1"));
        var investigating = await ChangeAsync(alert, AlertStatus.Investigating, note: "calling the pharmacy", at: T0.AddMinutes(5));
        await ChangeAsync(investigating, AlertStatus.Closed, AlertResolution.ScanningError, at: T0.AddMinutes(9));

        var read = (await Alerts.GetAsync(alert.Id, default))!;

        Assert.Equal((AlertStatus.Closed, AlertResolution.ScanningError, 2), (read.Status, read.Resolution, read.Version));
        Assert.Equal(
            [
                new AlertChange(T0.AddMinutes(5), Regulator, AlertStatus.Investigating, null, "calling the pharmacy"),
                new AlertChange(T0.AddMinutes(9), Regulator, AlertStatus.Closed, AlertResolution.ScanningError, null),
            ],
            read.History);
    }

    // ---- Update ----------------------------------------------------------------------------------

    [SkippableFact]
    public async Task An_update_on_a_stale_version_fails_and_leaves_no_trace()
    {
        RequireStore();
        var alert = await RaiseAsync(Make("SN1"));
        var (mine, _) = AlertLifecycle.Change(alert, AlertStatus.Investigating, null, "mine", Regulator, T0.AddMinutes(1));
        var (theirs, _) = AlertLifecycle.Change(alert, AlertStatus.Closed, AlertResolution.Other, "theirs", Maker, T0.AddMinutes(2));

        Assert.True(await Alerts.TryUpdateAsync(mine!, default));
        Assert.False(await Alerts.TryUpdateAsync(theirs!, default));

        var read = (await Alerts.GetAsync(alert.Id, default))!;
        Assert.Equal((AlertStatus.Investigating, (AlertResolution?)null, 1), (read.Status, read.Resolution, read.Version));
        Assert.Equal(["mine"], read.History.Select(h => h.Note));
    }

    [SkippableFact]
    public async Task An_update_keeps_the_count_and_a_reopened_alert_loses_its_resolution()
    {
        RequireStore();
        var alert = await RaiseAsync(Make("SN1"));
        await Alerts.RaiseAsync(Make("SN1", at: T0.AddMinutes(1)), Window, default);
        var closed = await ChangeAsync(alert, AlertStatus.Closed, AlertResolution.Diversion);

        await ChangeAsync(closed, AlertStatus.Open, note: "again");

        var read = (await Alerts.GetAsync(alert.Id, default))!;
        Assert.Equal((AlertStatus.Open, (AlertResolution?)null, 2, 2), (read.Status, read.Resolution, read.Version, read.Count));
        Assert.Equal(2, read.History.Count);
    }

    [SkippableFact]
    public async Task An_update_of_a_missing_alert_fails()
    {
        RequireStore();
        var ghost = Make("SN1") with { Id = 999, Version = 1 };
        Assert.False(await Alerts.TryUpdateAsync(ghost, default));
    }

    // ---- Query -----------------------------------------------------------------------------------

    /// <summary>A1..A6 raised in this order.</summary>
    private async Task<Alert[]> SeedAsync() =>
    [
        await RaiseAsync(Make("A1")),                                                              // pharmacy, Acme brand
        await RaiseAsync(Make("A2", party: OtherPharmacy, gtin: OtherGtin, brand: OtherMaker)),   // other pharmacy, Other brand
        await RaiseAsync(Make("A3", party: Maker, kind: AlertKind.CustodyMismatch)),               // raised by Acme itself
        await RaiseAsync(Make("A4", party: OtherPharmacy, kind: AlertKind.Expired)),               // other pharmacy, Acme brand
        await RaiseAsync(Make("A5", scanningError: true)),                                         // pharmacy, scanning error
        await RaiseAsync(Make("A6", party: OtherMaker, brand: null, kind: AlertKind.UnknownProduct, gtin: "09506000134376")),
    ];

    [SkippableFact]
    public async Task Without_filters_everything_newest_first()
    {
        RequireStore();
        await SeedAsync();
        Assert.Equal(["A6", "A5", "A4", "A3", "A2", "A1"], await Serials(new AlertQuery()));
    }

    [SkippableFact]
    public async Task Visible_to_a_party_means_raised_by_it_or_on_its_brands()
    {
        RequireStore();
        await SeedAsync();

        Assert.Equal(["A5", "A4", "A3", "A1"], await Serials(new AlertQuery { VisibleTo = Maker }));
        Assert.Equal(["A6", "A2"], await Serials(new AlertQuery { VisibleTo = OtherMaker }));
        Assert.Equal(["A5", "A1"], await Serials(new AlertQuery { VisibleTo = Pharmacy }));
        Assert.Equal(["A4", "A2"], await Serials(new AlertQuery { VisibleTo = OtherPharmacy }));
        Assert.Empty(await Serials(new AlertQuery { VisibleTo = Regulator }));
    }

    [SkippableFact]
    public async Task Filter_by_status()
    {
        RequireStore();
        var alerts = await SeedAsync();
        await ChangeAsync(alerts[1], AlertStatus.Investigating);
        await ChangeAsync(alerts[3], AlertStatus.Closed, AlertResolution.Other);

        Assert.Equal(["A2"], await Serials(new AlertQuery { Status = AlertStatus.Investigating }));
        Assert.Equal(["A4"], await Serials(new AlertQuery { Status = AlertStatus.Closed }));
        Assert.Equal(["A6", "A5", "A3", "A1"], await Serials(new AlertQuery { Status = AlertStatus.Open }));
    }

    [SkippableFact]
    public async Task Filter_by_kind_and_minimum_severity()
    {
        RequireStore();
        await SeedAsync();

        Assert.Equal(["A3"], await Serials(new AlertQuery { Kind = AlertKind.CustodyMismatch }));
        Assert.Equal(["A6", "A2", "A1"], await Serials(new AlertQuery { MinSeverity = Severity.Critical }));
        Assert.Equal(["A6", "A3", "A2", "A1"], await Serials(new AlertQuery { MinSeverity = Severity.High }));
        Assert.Equal(["A6", "A4", "A3", "A2", "A1"], await Serials(new AlertQuery { MinSeverity = Severity.Medium }));
    }

    [SkippableFact]
    public async Task Filter_by_exact_severity()
    {
        RequireStore();
        await SeedAsync();

        Assert.Equal(["A6", "A2", "A1"], await Serials(new AlertQuery { Severity = Severity.Critical }));
        Assert.Equal(["A3"], await Serials(new AlertQuery { Severity = Severity.High }));
        Assert.Equal(["A4"], await Serials(new AlertQuery { Severity = Severity.Medium }));
        Assert.Equal(["A5"], await Serials(new AlertQuery { Severity = Severity.Low }));
    }

    [SkippableFact]
    public async Task Filter_by_gtin_matches_the_concerned_pack_or_the_scanned_code()
    {
        RequireStore();
        var alerts = await SeedAsync();
        var unreadable = await RaiseAsync(Make("A7", gtin: OtherGtin) with { PackGtin = null, PackSerial = null });

        Assert.Equal(["A5", "A4", "A3", "A1"], await Serials(new AlertQuery { Gtin = Gtin }));
        var other = await Alerts.QueryAsync(new AlertQuery { Gtin = OtherGtin }, default);
        Assert.Equal([unreadable.Id, alerts[1].Id], other.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task Filter_by_scanning_party_combines_with_visibility()
    {
        RequireStore();
        await SeedAsync();

        Assert.Equal(["A4", "A2"], await Serials(new AlertQuery { Party = OtherPharmacy }));
        Assert.Equal(["A4"], await Serials(new AlertQuery { Party = OtherPharmacy, VisibleTo = Maker }));
    }

    [SkippableFact]
    public async Task Scanning_errors_can_be_left_out()
    {
        RequireStore();
        await SeedAsync();

        Assert.Equal(["A6", "A4", "A3", "A2", "A1"], await Serials(new AlertQuery { IncludeScanningErrors = false }));
    }

    [SkippableFact]
    public async Task After_an_id_reads_forwards_oldest_first()
    {
        RequireStore();
        var alerts = await SeedAsync();

        Assert.Equal(["A3", "A4", "A5", "A6"], await Serials(new AlertQuery { AfterId = alerts[1].Id }));
        Assert.Equal(["A4", "A5"], await Serials(new AlertQuery { AfterId = alerts[1].Id, VisibleTo = Maker, Take = 2, Skip = 1 }));
        Assert.Empty(await Serials(new AlertQuery { AfterId = alerts[5].Id }));
        Assert.Equal(6, (await Serials(new AlertQuery { AfterId = 0 })).Count);
    }

    [SkippableFact]
    public async Task Skip_and_take_page_newest_first()
    {
        RequireStore();
        await SeedAsync();

        Assert.Equal(["A6", "A5"], await Serials(new AlertQuery { Take = 2 }));
        Assert.Equal(["A4", "A3"], await Serials(new AlertQuery { Skip = 2, Take = 2 }));
        Assert.Equal(["A2", "A1"], await Serials(new AlertQuery { Skip = 4, Take = 10 }));
        Assert.Empty(await Serials(new AlertQuery { Skip = 6 }));
    }

    [SkippableFact]
    public async Task Filters_combine()
    {
        RequireStore();
        await SeedAsync();

        var query = new AlertQuery { VisibleTo = Maker, Kind = AlertKind.UnknownSerial, IncludeScanningErrors = false, Gtin = Gtin };
        Assert.Equal(["A1"], await Serials(query));
    }

    // ---- Custody exceptions --------------------------------------------------------------------

    [SkippableFact]
    public async Task A_custody_exception_is_visible_to_the_packs_holder_and_kept_apart_from_the_counterfeit_feed()
    {
        RequireStore();
        var exception = await RaiseAsync(Make("E1", party: OtherPharmacy, kind: AlertKind.CustodyException) with { Custodian = Pharmacy });
        await RaiseAsync(Make("C1", party: OtherPharmacy, kind: AlertKind.CloneSuspected));

        Assert.Equal(Pharmacy, (await Alerts.GetAsync(exception.Id, default))!.Custodian);
        Assert.Equal(["E1"], await Serials(new AlertQuery { VisibleTo = Pharmacy }));
        Assert.Equal(["C1", "E1"], await Serials(new AlertQuery { VisibleTo = OtherPharmacy }));
        Assert.Equal(["C1"], await Serials(new AlertQuery { CustodyExceptions = false }));
        Assert.Equal(["E1"], await Serials(new AlertQuery { CustodyExceptions = true }));
        Assert.Empty(await Serials(new AlertQuery { VisibleTo = Pharmacy, CustodyExceptions = false }));
    }
}
