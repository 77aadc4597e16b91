using DrugTrace.Domain.Alerts;
using DrugTrace.Storage.Mongo.Documents;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Reads one change of the alerts collection, as raw BSON, into the push it stands for
/// (<see cref="AlertChangeClassifier"/>). A document this version cannot read (a field of another
/// type, an alert kind it does not know) is logged and skipped, so that one document never stops
/// the stream or makes it reopen at the same token for ever.
/// </summary>
internal static class AlertChangeReader
{
    public static (Alert Alert, bool IsNew)? Read(ChangeStreamDocument<BsonDocument> change, ILogger logger)
    {
        try
        {
            var document = change.FullDocument is null ? null : BsonSerializer.Deserialize<AlertDocument>(change.FullDocument);
            return AlertChangeClassifier.Classify(change.OperationType, change.UpdateDescription?.UpdatedFields, document);
        }
        catch (Exception ex) when (ex is UnreadableDocumentException or FormatException or BsonException or InvalidCastException)
        {
            logger.LogWarning(ex, "Skipped a change of alert {Id}: this DrugTrace cannot read the stored alert ({Problem})",
                change.DocumentKey?.GetValue("_id", BsonNull.Value), ex.Message);
            return null;
        }
    }
}
