using System.Text.Json;
using System.Text.Json.Serialization;
using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using DrugTrace.Web.Alerts;

namespace DrugTrace.Web.Tests.Alerts;

/// <summary>An alert serialised once for all listeners must be on the wire exactly what the alert itself would be.</summary>
public sealed class PushedAlertTests
{
    // As the app's hub protocol is configured: SignalR's defaults (camelCase) with enums as names.
    private static readonly JsonSerializerOptions Hub = HubOptions();

    private static readonly AlertDto Alert = new(
        42, "UnknownSerial", "high", "NOT_FOUND", "Serial \"X1\" was never commissioned", "verify", "(01)04012345000115(21)X1",
        "04012345000115", "X1", "L1", new DateOnly(2028, 6, 30), null, null, "4012345000016", "4012345000009", false,
        new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 3, 9, 5, 0, TimeSpan.Zero), 2,
        AlertStatus.Open, null, 3, [new AlertChangeDto(new DateTimeOffset(2026, 12, 3, 9, 1, 0, TimeSpan.Zero), "4012349000012", AlertStatus.Open, null, "seen — ünïcode")]);

    private static JsonSerializerOptions HubOptions()
    {
        var options = new Microsoft.AspNetCore.SignalR.JsonHubProtocolOptions().PayloadSerializerOptions;
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    [Fact]
    public void A_pushed_alert_is_written_as_the_alert_itself()
    {
        var pushed = PushedAlert.From(Alert, Hub);

        Assert.Equal(JsonSerializer.Serialize(Alert, Hub), JsonSerializer.Serialize(pushed, Hub));
        Assert.Equal(JsonSerializer.Serialize(new[] { Alert }, Hub), JsonSerializer.Serialize(new[] { pushed }, Hub));
        Assert.Contains("\"scannedSerial\":\"X1\"", JsonSerializer.Serialize(pushed, Hub));
    }

    [Fact]
    public void A_pushed_alert_reads_back_as_the_alert()
    {
        var read = JsonSerializer.Deserialize<PushedAlert>(JsonSerializer.Serialize(Alert, Hub), Hub)!;

        Assert.Equal(JsonSerializer.Serialize(Alert, Hub), JsonSerializer.Serialize(read.Alert, Hub));
        Assert.Equal(42, read.Alert.Id);
    }
}
