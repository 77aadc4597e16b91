namespace DrugTrace.Web.Endpoints.Contracts;

public sealed record Recall(string? Reason);
