namespace DrugTrace.Web.Endpoints.Contracts;

/// <summary>A recall: the internal reason (required) and, optionally, the words patients see on the public check.</summary>
public sealed record Recall(string? Reason, string? PublicText = null);
