using DrugTrace.Domain.Alerts;
using Mediator;

namespace DrugTrace.Application.Alerts;

/// <summary>Published after an alert's status changed, or its repeat count reached 2, 10, 100, ...</summary>
public sealed record AlertUpdated(Alert Alert) : INotification;
