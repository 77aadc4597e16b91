namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>Tests that share one seeded app; each makes its own products and lots so they do not interfere.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<DrugTraceFactory>
{
    public const string Name = "api";
}
