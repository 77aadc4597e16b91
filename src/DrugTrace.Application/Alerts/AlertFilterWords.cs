using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Application.Alerts;

/// <summary>
/// The alert filters as typed values, read once from the words the API's query and a page's
/// address spell them in ("open", "UnknownSerial", "high"). A word that is none of its kind is a
/// <see cref="ValidationException"/> naming each such field, in the words the API has always
/// answered with; numbers are refused, so "3" is not the fourth kind.
/// </summary>
public sealed record AlertFilterWords(AlertStatus? Status, AlertKind? Kind, Severity? Severity)
{
    public static AlertFilterWords Parse(string? status, string? kind, string? severity)
    {
        var errors = new Dictionary<string, string[]>();
        AlertStatus? parsedStatus = null;
        AlertKind? parsedKind = null;
        Severity? parsedSeverity = null;
        if (status is not null)
        {
            if (AlertText.TryParseStatus(status, out var s)) parsedStatus = s;
            else errors["status"] = [$"'{status}' is not an alert status; use open, investigating or closed."];
        }
        if (kind is not null)
        {
            if (AlertText.TryParseKind(kind, out var k)) parsedKind = k;
            else errors["kind"] = [$"'{kind}' is not an alert kind; use one of: {string.Join(", ", Enum.GetNames<AlertKind>())}."];
        }
        if (severity is not null)
        {
            if (AlertText.TryParseSeverity(severity, out var v)) parsedSeverity = v;
            else errors["severity"] = [$"'{severity}' is not a severity; use critical, high, medium or low."];
        }
        return errors.Count > 0 ? throw new ValidationException(errors) : new AlertFilterWords(parsedStatus, parsedKind, parsedSeverity);
    }
}
