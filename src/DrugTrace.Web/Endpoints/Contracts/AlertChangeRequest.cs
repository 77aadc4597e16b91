namespace DrugTrace.Web.Endpoints.Contracts;

/// <summary>A lifecycle step: status open|investigating|closed, resolution when closing, an optional note.</summary>
public sealed record AlertChangeRequest(string? Status, string? Resolution, string? Note);
