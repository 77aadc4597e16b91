using DrugTrace.Domain.Alerts;
using Mediator;

namespace DrugTrace.Application.Alerts;

/// <summary>Published after a new alert is committed.</summary>
public sealed record AlertRaised(Alert Alert) : INotification;
