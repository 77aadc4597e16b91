using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using Microsoft.Extensions.Time.Testing;
using static DrugTrace.Application.Tests.Alerts.AlertSamples;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Alerts;

public class UpdateAlertTests
{
    private readonly RacingAlertStore _store = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly FakeTimeProvider _clock = new(Start.AddHours(2));

    private ValueTask<AlertDto> Update(long id, string? status, string? resolution = null, string? note = null) =>
        new UpdateAlertHandler(_store, ContextFor(Regulator), _publisher, _clock)
            .Handle(new UpdateAlert(Regulator.Gln, id, status, resolution, note), CancellationToken.None);

    private Task<Alert> SeedAsync() => _store.Inner.Store(Make(Pharmacy.Gln, Maker.Gln, "A1"));

    [Fact]
    public async Task Open_to_investigating_is_stored_published_and_returned()
    {
        var alert = await SeedAsync();

        var dto = await Update(alert.Id, "investigating", note: "asked the pharmacy for the pack");

        Assert.Equal(("investigating", null, 1), (dto.Status, dto.Resolution, dto.Version));
        Assert.Equal([new AlertChangeDto(Start.AddHours(2), Regulator.Gln, "investigating", null, "asked the pharmacy for the pack")], dto.History);
        var stored = await _store.GetAsync(alert.Id, default);
        Assert.Equal((AlertStatus.Investigating, 1), (stored!.Status, stored.Version));
        var published = Assert.IsType<AlertUpdated>(Assert.Single(_publisher.Published));
        Assert.Equal((alert.Id, AlertStatus.Investigating, 1), (published.Alert.Id, published.Alert.Status, published.Alert.Version));
    }

    [Fact]
    public async Task An_update_whose_push_fails_is_still_answered_as_stored()
    {
        var alert = await SeedAsync();
        _publisher.FailWith = new InvalidOperationException("listener broken");

        var dto = await Update(alert.Id, "investigating");

        Assert.Equal(("investigating", 1), (dto.Status, dto.Version));
        Assert.Equal(AlertStatus.Investigating, (await _store.GetAsync(alert.Id, default))!.Status);
        Assert.IsType<AlertUpdated>(Assert.Single(_publisher.Published));
    }

    [Fact]
    public async Task Closing_with_a_resolution_in_api_words()
    {
        var alert = await SeedAsync();
        await Update(alert.Id, "investigating");

        var dto = await Update(alert.Id, "closed", "confirmed-falsified", "lab confirmed");

        Assert.Equal(("closed", "confirmed-falsified", 2), (dto.Status, dto.Resolution, dto.Version));
        Assert.Equal(["investigating", "closed"], dto.History.Select(h => h.Status));
        Assert.Equal(2, _publisher.Published.OfType<AlertUpdated>().Count());
    }

    [Fact]
    public async Task A_note_alone_keeps_the_status_and_the_resolution_of_a_closed_alert()
    {
        var alert = await SeedAsync();
        await Update(alert.Id, "closed", "diversion");

        var dto = await Update(alert.Id, null, null, "police informed");

        Assert.Equal(("closed", "diversion", 2), (dto.Status, dto.Resolution, dto.Version));
        Assert.Equal("police informed", dto.History[^1].Note);
    }

    [Fact]
    public async Task Reopening_a_closed_alert_clears_its_resolution()
    {
        var alert = await SeedAsync();
        await Update(alert.Id, "closed", "false-positive");

        var dto = await Update(alert.Id, "open", note: "seen again");

        Assert.Equal(("open", null), (dto.Status, dto.Resolution));
    }

    [Theory]
    [InlineData("closed", null, null, "Closing an alert needs a resolution")]
    [InlineData("investigating", "false-positive", null, "A resolution is given only when the alert is closed.")]
    [InlineData(null, null, null, "Nothing to change")]
    [InlineData("open", null, "  ", "Nothing to change")]
    public async Task A_change_the_lifecycle_refuses_is_a_ValidationException_and_changes_nothing(string? status, string? resolution, string? note, string message)
    {
        var alert = await SeedAsync();

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Update(alert.Id, status, resolution, note).AsTask());

        Assert.StartsWith(message, Assert.Single(ex.Errors["status"]));
        Assert.Equal(0, (await _store.GetAsync(alert.Id, default))!.Version);
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task An_update_based_on_a_stale_version_is_a_conflict_and_publishes_nothing()
    {
        var alert = await SeedAsync();
        // Another regulator closes the alert between our read and our write.
        _store.AfterNextGet = async () =>
        {
            var (closed, _) = AlertLifecycle.Change(alert, AlertStatus.Closed, AlertResolution.Other, null, OtherMaker.Gln, Start);
            Assert.True(await _store.Inner.TryUpdateAsync(closed!, default));
        };

        var ex = await Assert.ThrowsAsync<ConflictException>(() => Update(alert.Id, "investigating").AsTask());

        Assert.Contains("changed by someone else meanwhile", ex.Message);
        var stored = (await _store.GetAsync(alert.Id, default))!;
        Assert.Equal((AlertStatus.Closed, 1), (stored.Status, stored.Version));
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task A_missing_alert_is_NotFound()
    {
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Update(404, "investigating").AsTask());
        Assert.Equal("No alert 404.", missing.Message);
    }

    [Fact]
    public void The_validator_names_a_note_with_a_control_character()
    {
        var (field, message) = Assert.Single(new UpdateAlertValidator().Validate(new UpdateAlert(Regulator.Gln, 1, null, null, "line one\nline two")));
        Assert.Equal("note", field);
        Assert.StartsWith("The note contains ", message);
        Assert.EndsWith("(U+000A) at position 9; use plain text on one line.", message);
    }

    [Fact]
    public void The_validator_accepts_api_words_and_enum_names()
    {
        var validator = new UpdateAlertValidator();
        Assert.Empty(validator.Validate(new UpdateAlert(Regulator.Gln, 1, "Closed", "scanning-error", null)));
        Assert.Empty(validator.Validate(new UpdateAlert(Regulator.Gln, 1, "closed", "ConfirmedFalsified", null)));
        Assert.Empty(validator.Validate(new UpdateAlert(Regulator.Gln, 1, null, null, "just a note")));
    }

    [Fact]
    public void The_validator_names_a_bad_status_and_a_bad_resolution()
    {
        var errors = new UpdateAlertValidator().Validate(new UpdateAlert(Regulator.Gln, 1, "resolved", "fixed", null)).ToList();

        Assert.Equal(["status", "resolution"], errors.Select(e => e.Field));
        Assert.Contains("'resolved' is not an alert status", errors[0].Message);
        Assert.Contains("'fixed' is not a resolution", errors[1].Message);
    }

    [Fact]
    public void The_validator_refuses_numbers_for_a_status()
    {
        Assert.Equal("status", Assert.Single(new UpdateAlertValidator().Validate(new UpdateAlert(Regulator.Gln, 1, "2", null, null))).Field);
    }

    /// <summary>The in-memory store, with a hook that runs a competing update right after a read.</summary>
    private sealed class RacingAlertStore : IAlertStore
    {
        public InMemoryAlertStore Inner { get; } = new();

        public Func<Task>? AfterNextGet { get; set; }

        public ValueTask<(Alert Alert, bool IsNew)> RaiseAsync(Alert alert, TimeSpan window, CancellationToken cancellationToken) =>
            Inner.RaiseAsync(alert, window, cancellationToken);

        public async ValueTask<Alert?> GetAsync(long id, CancellationToken cancellationToken)
        {
            var alert = await Inner.GetAsync(id, cancellationToken);
            if (AfterNextGet is { } race)
            {
                AfterNextGet = null;
                await race();
            }
            return alert;
        }

        public ValueTask<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken) => Inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> TryUpdateAsync(Alert updated, CancellationToken cancellationToken) => Inner.TryUpdateAsync(updated, cancellationToken);
    }
}
