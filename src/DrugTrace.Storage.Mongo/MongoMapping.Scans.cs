using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoMapping
{
    public static ScanDocument ToDocument(ScanRecord s, Guid id) => new()
    {
        Id = id,
        At = Utc(s.At),
        Actor = s.Actor,
        Action = s.Action.Name,
        Code = s.Code,
        Gtin = s.Gtin,
        Serial = s.Serial,
        Verdict = s.Verdict,
        Alerts = s.Alerts,
    };

    public static ScanRecord ToScan(ScanDocument d) =>
        new(Time(d.At), d.Actor, StoredWord.Parse<PackAction>(d.Action, "scan action"), d.Code, d.Gtin, d.Serial, d.Verdict, d.Alerts);
}
