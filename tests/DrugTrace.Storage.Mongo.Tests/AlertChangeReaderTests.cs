using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// Documents written by another version: unknown fields are read past, an unknown value or a field
/// of the wrong type fails that document alone, and the change stream skips it with a log line.
/// </summary>
public sealed class AlertChangeReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    static AlertChangeReaderTests() => MongoClassMaps.Register();

    private static BsonDocument StoredAlert(long id) => MongoMapping.ToDocument(new Alert
    {
        Kind = AlertKind.UnknownSerial, Severity = Severity.Critical, Message = "m", Action = "verify", ScannedCode = "c",
        ScanningParty = "4012347000014", RaisedAt = Now, LastSeenAt = Now,
    }, id).ToBsonDocument();

    private static ChangeStreamDocument<BsonDocument> Inserted(BsonDocument alert) => new(new BsonDocument
    {
        { "_id", new BsonDocument("_data", "token-" + alert["_id"]) },
        { "operationType", "insert" },
        { "ns", new BsonDocument { { "db", "drugtrace" }, { "coll", "alerts" } } },
        { "documentKey", new BsonDocument("_id", alert["_id"]) },
        { "fullDocument", alert },
    }, BsonDocumentSerializer.Instance);

    [Fact]
    public void A_field_added_by_a_newer_version_is_read_past()
    {
        var alert = StoredAlert(7);
        alert.Add("triagedBy", "a future feature");
        var logger = new ListLogger();
        var push = AlertChangeReader.Read(Inserted(alert), logger);
        Assert.Equal((7L, true), (push!.Value.Alert.Id, push.Value.IsNew));
        Assert.Empty(logger.Warnings);
        // The same tolerance on every read, not only in the stream.
        Assert.Equal("4012347000014", BsonSerializer.Deserialize<AlertDocument>(alert).ScanningParty);
    }

    [Theory]
    [InlineData("kind", "CounterfeitRing")]
    [InlineData("kind", "3")]
    [InlineData("status", "Escalated")]
    [InlineData("count", "many")]
    public void An_alert_this_version_cannot_read_is_skipped_with_a_warning_and_the_next_is_pushed(string field, string value)
    {
        var unreadable = StoredAlert(8);
        unreadable[field] = value;
        var logger = new ListLogger();

        Assert.Null(AlertChangeReader.Read(Inserted(unreadable), logger));
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("alert 8", warning, StringComparison.Ordinal);

        Assert.Equal(9L, AlertChangeReader.Read(Inserted(StoredAlert(9)), logger)!.Value.Alert.Id);
    }

    [Fact]
    public void An_unknown_enum_name_is_a_clear_error_for_that_document()
    {
        var ex = Assert.Throws<UnreadableDocumentException>(() => StoredEnum.Parse<PackStatus>("Teleported", "pack status"));
        Assert.Equal("The stored pack status 'Teleported' is not a PackStatus this DrugTrace knows (written by a newer version?).", ex.Message);
        Assert.Throws<UnreadableDocumentException>(() => StoredEnum.Parse<PackStatus>("Active, Dispensed", "pack status"));
        Assert.Throws<UnreadableDocumentException>(() => StoredEnum.Parse<PackStatus>("-1", "pack status"));
        Assert.Equal(PackStatus.Dispensed, StoredEnum.Parse<PackStatus>("Dispensed", "pack status"));
        Assert.Null(StoredEnum.ParseNullable<PackStatus>(null, "held-from status"));
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings.Add(formatter(state, exception));
        }
    }
}
