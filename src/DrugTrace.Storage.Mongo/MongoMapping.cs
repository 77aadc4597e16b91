using System.Globalization;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using DrugTrace.Storage.Mongo.Documents;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Domain records to stored documents and back. Times are stored to the millisecond in UTC, as they are hashed.
/// Partial files by concern: the value conversions, parties and products (here), the ledger (lots, packs,
/// cases, events), scans, capture jobs, alerts.
/// </summary>
internal static partial class MongoMapping
{
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? NullableDate(string? text) => text is null ? null : Date(text);

    public static string? NullableDate(DateOnly? d) => d is { } v ? Date(v) : null;

    /// <summary>UTC, truncated to the millisecond: what a BSON date holds.</summary>
    public static DateTime Utc(DateTimeOffset t) => DateTime.UnixEpoch.AddMilliseconds(t.ToUnixTimeMilliseconds());

    public static DateTimeOffset Time(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static byte[] Bytes(Hash256 hash) => hash.ToBytes();

    public static Hash256 Hash(byte[] bytes) => Hash256.FromBytes(bytes);

    public static PartyDocument ToDocument(Party party, string? apiKeyHash, IReadOnlyList<string>? companyPrefixes = null, DateTime? createdAt = null) => new()
    {
        Gln = party.Gln,
        Name = party.Name,
        Role = party.Role.ToString(),
        Keys = apiKeyHash is null ? [] : [new PartyKeyDocument { Id = IPartyStore.FirstKeyId, Hash = apiKeyHash, CreatedAt = createdAt ?? DateTime.UnixEpoch }],
        CompanyPrefixes = [.. companyPrefixes ?? []],
    };

    /// <summary>A party's keys; a key stored before rotation existed (<c>apiKeyHash</c>) is listed as "k1".</summary>
    public static IReadOnlyList<PartyKey> ToKeys(PartyDocument d) =>
    [
        .. d.ApiKeyHash is null ? [] : new[] { new PartyKey(IPartyStore.FirstKeyId, DateTimeOffset.UnixEpoch, null) },
        .. d.Keys.Select(k => new PartyKey(k.Id, new DateTimeOffset(k.CreatedAt, TimeSpan.Zero),
            k.RevokedAt is { } r ? new DateTimeOffset(r, TimeSpan.Zero) : null)),
    ];

    public static Party ToParty(PartyDocument d) => new(d.Gln, d.Name, StoredEnum.Parse<PartyRole>(d.Role, "party role"));

    public static ProductDocument ToDocument(Product p) =>
        new() { Gtin = p.Gtin, Name = p.Name, Form = p.Form, Strength = p.Strength, Manufacturer = p.Manufacturer };

    public static Product ToProduct(ProductDocument d) => new(d.Gtin, d.Name, d.Form, d.Strength, d.Manufacturer);
}
