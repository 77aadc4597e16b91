namespace DrugTrace.Web.Alerts;

/// <summary>
/// Pushed to a listener that fell so far behind that pushes to it were dropped (its queue held
/// <see cref="AlertListeners.QueueLimit"/> unsent ones): every dropped push was of an alert with an id
/// after <paramref name="Since"/> and at most <paramref name="Through"/>. <c>GET /api/v1/alerts?since={Since}</c>
/// returns them as they are now; pushes after this message are live again.
/// </summary>
public sealed record AlertsMissed(long Since, long Through);
