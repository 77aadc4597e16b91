namespace DrugTrace.Web.Endpoints.Contracts;

/// <summary>The first regulator, registered with the one-time bootstrap key.</summary>
public sealed record NewRegulator(string? Gln, string? Name);
