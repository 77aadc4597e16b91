using DrugTrace.Domain.Alerts;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>Which change stream events become pushes: the same ones the in-process path publishes.</summary>
public sealed class AlertChangeClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static AlertDocument Stored(int count = 1, int version = 0) => MongoMapping.ToDocument(new Alert
    {
        Kind = AlertKind.UnknownSerial, Severity = Severity.Critical, Message = "m", Action = PackAction.Verify, ScannedCode = "c",
        ScanningParty = "4012347000014", RaisedAt = Now, LastSeenAt = Now, Count = count, Version = version,
    }, 9);

    [Fact]
    public void An_insert_is_a_new_alert()
    {
        var push = AlertChangeClassifier.Classify(ChangeStreamOperationType.Insert, null, Stored());
        Assert.NotNull(push);
        Assert.True(push.Value.IsNew);
        Assert.Equal(9, push.Value.Alert.Id);
    }

    [Fact]
    public void A_status_change_is_an_update()
    {
        var fields = new BsonDocument { { "status", "Investigating" }, { "version", 1 }, { "history.0", new BsonDocument() } };
        var push = AlertChangeClassifier.Classify(ChangeStreamOperationType.Update, fields, Stored(version: 1));
        Assert.NotNull(push);
        Assert.False(push.Value.IsNew);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    [InlineData(100, true)]
    [InlineData(1000, true)]
    [InlineData(1010, false)]
    public void A_repeat_is_pushed_only_at_a_milestone(int count, bool pushed)
    {
        var fields = new BsonDocument { { "count", count }, { "lastSeenAt", new BsonDateTime(Now.UtcDateTime) } };
        // The looked-up document may be later than the change: the change's own count is pushed.
        var push = AlertChangeClassifier.Classify(ChangeStreamOperationType.Update, fields, Stored(count: count + 5));
        Assert.Equal(pushed, push is not null);
        if (push is { } p) Assert.Equal(count, p.Alert.Count);
    }

    [Fact]
    public void A_deleted_alert_or_another_operation_is_not_pushed()
    {
        Assert.Null(AlertChangeClassifier.Classify(ChangeStreamOperationType.Update, new BsonDocument("status", "Closed"), null));
        Assert.Null(AlertChangeClassifier.Classify(ChangeStreamOperationType.Delete, null, null));
        Assert.Null(AlertChangeClassifier.Classify(ChangeStreamOperationType.Invalidate, null, Stored()));
    }

    [Fact]
    public void A_replace_is_an_update()
    {
        Assert.False(AlertChangeClassifier.Classify(ChangeStreamOperationType.Replace, null, Stored())!.Value.IsNew);
    }
}
