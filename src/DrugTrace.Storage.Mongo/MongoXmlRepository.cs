using System.Xml.Linq;
using DrugTrace.Storage.Mongo.Documents;
using Microsoft.AspNetCore.DataProtection.Repositories;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// The Data Protection key ring in MongoDB, so that every instance behind the proxy can read the
/// cookies and anti-forgery tokens the others issued. Data Protection's repository API is synchronous.
/// </summary>
internal sealed class MongoXmlRepository(IMongoCollection<DataProtectionKeyDocument> keys) : IXmlRepository
{
    public const string Collection = "dataprotection_keys";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. keys.Find(FilterDefinition<DataProtectionKeyDocument>.Empty).ToList().Select(d => XElement.Parse(d.Xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        keys.InsertOne(ToDocument(element, friendlyName));

    public static DataProtectionKeyDocument ToDocument(XElement element, string? friendlyName) => new()
    {
        // Data Protection names each key "key-{guid}"; a missing name still gets a unique id.
        Id = string.IsNullOrEmpty(friendlyName) ? "key-" + Guid.NewGuid().ToString("D") : friendlyName,
        Xml = element.ToString(SaveOptions.DisableFormatting),
    };
}
