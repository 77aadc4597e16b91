namespace DrugTrace.Web.Endpoints.Contracts;

/// <summary>The items to pack (pack codes or SSCCs, as scanned) and, optionally, the case's own SSCC.</summary>
public sealed record NewCase(IReadOnlyList<string>? Codes, string? Sscc);
