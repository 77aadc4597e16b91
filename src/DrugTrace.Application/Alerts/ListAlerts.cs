using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Alerts;

/// <summary>
/// Alerts the caller may see, filtered. With <c>Since</c> (an alert id) the answer is every
/// visible alert raised after it, oldest first: what a listener missed while disconnected.
/// <c>CustodyExceptions</c>: false leaves them out (the counterfeit feed), true lists only them.
/// Status, kind and severity are typed: the API and the pages read their words once, with
/// <see cref="AlertFilterWords.Parse"/>.
/// </summary>
public sealed record ListAlerts(
    string ActorGln,
    AlertStatus? Status = null,
    AlertKind? Kind = null,
    string? Gtin = null,
    string? Party = null,
    long? Since = null,
    bool ScanningErrors = true,
    int Skip = 0,
    int Take = 100,
    Severity? Severity = null,
    bool? CustodyExceptions = null) : IRequest<IReadOnlyList<AlertDto>>, IActorRequest
{
    public const int MaxTake = 1000;
}

public sealed class ListAlertsValidator : IValidator<ListAlerts>
{
    public IEnumerable<(string Field, string Message)> Validate(ListAlerts request)
    {
        if (request.Gtin is not null && Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (request.Party is not null && Gs1Fields.GlnError(request.Party) is { } party) yield return ("party", party);
        if (request.Since is < 0) yield return ("since", "since is an alert id and cannot be negative.");
        if (request.Skip < 0) yield return ("skip", "skip cannot be negative.");
        if (request.Take is < 1 or > ListAlerts.MaxTake) yield return ("take", $"take must be 1 to {ListAlerts.MaxTake}.");
    }
}

public sealed class ListAlertsHandler(IAlertStore store, IActorContext context) : IRequestHandler<ListAlerts, IReadOnlyList<AlertDto>>
{
    public async ValueTask<IReadOnlyList<AlertDto>> Handle(ListAlerts request, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        var query = new AlertQuery
        {
            VisibleTo = actor.Role == PartyRole.Regulator ? null : actor.Gln,
            Status = request.Status,
            Kind = request.Kind,
            // Filtered by the store before paging, so a page holds the newest alerts of that severity.
            Severity = request.Severity,
            Gtin = request.Gtin?.Trim().PadLeft(14, '0'),
            Party = request.Party?.Trim(),
            AfterId = request.Since,
            IncludeScanningErrors = request.ScanningErrors,
            CustodyExceptions = request.CustodyExceptions,
            Skip = request.Skip,
            Take = request.Take,
        };
        var alerts = await store.QueryAsync(query, cancellationToken);
        return [.. alerts.Select(a => AlertDto.For(actor, a))];
    }
}
