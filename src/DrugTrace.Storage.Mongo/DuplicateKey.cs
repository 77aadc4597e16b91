using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>Recognises a unique index violation, however the driver reports it.</summary>
internal static class DuplicateKey
{
    public const int Code = 11000;

    public static bool Is(Exception ex) => ex switch
    {
        MongoWriteException w => w.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoBulkWriteException b => b.WriteErrors.Any(e => e.Category == ServerErrorCategory.DuplicateKey),
        MongoCommandException c => c.Code == Code,
        _ => false,
    };
}
