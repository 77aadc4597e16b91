using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Which changes of the alerts collection are pushed, mirroring what the in-process path publishes:
/// an insert is a new alert (<see cref="AlertRaised"/>); an update of the status or version is a
/// lifecycle change (<see cref="AlertUpdated"/>); an update of the repeat count alone is pushed only at
/// the milestones 2, 10, 100, ... (<see cref="AlertMilestones"/>), so that a storm is not a push per scan.
/// </summary>
internal static class AlertChangeClassifier
{
    public static (Alert Alert, bool IsNew)? Classify(ChangeStreamOperationType operation, BsonDocument? updatedFields, AlertDocument? fullDocument)
    {
        // Deleted after the change (the lookup found nothing): nothing left to show.
        if (fullDocument is null) return null;
        var alert = MongoMapping.ToAlert(fullDocument);
        switch (operation)
        {
            case ChangeStreamOperationType.Insert:
                return (alert, true);
            case ChangeStreamOperationType.Replace:
                return (alert, false);
            case ChangeStreamOperationType.Update when updatedFields is not null:
                if (updatedFields.Contains("status") || updatedFields.Contains("version")) return (alert, false);
                // The looked-up document may already be a later version; the count of this change decides.
                if (updatedFields.TryGetValue("count", out var count) && count.IsNumeric && AlertMilestones.IsMilestone(count.ToInt32()))
                    return (alert with { Count = count.ToInt32() }, false);
                return null;
            default:
                return null;
        }
    }
}
