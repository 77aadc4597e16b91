using DrugTrace.Domain.Alerts.Rules;

namespace DrugTrace.Application.Packs;

/// <summary>What the stores hold about a scanned pack, and the product's brand owner (who must see any alert on it).</summary>
public sealed record PackFacts(ScanFacts Facts, string? BrandOwner);
