namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>A product in the <c>products</c> collection; <c>_id</c> is its GTIN.</summary>
internal sealed class ProductDocument
{
    public string Gtin { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Form { get; set; }
    public string? Strength { get; set; }
    public string Manufacturer { get; set; } = "";
}
