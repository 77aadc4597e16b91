using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>Renders a definition with the registered class maps, to the text the server receives (relaxed extended JSON).</summary>
internal static class Rendered
{
    private static readonly JsonWriterSettings Json = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson };

    static Rendered() => MongoClassMaps.Register();

    private static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);

    public static string Text(BsonValue value) => value.ToJson(Json);

    public static string Of<T>(FilterDefinition<T> filter) => Text(filter.Render(Args<T>()));

    public static string Of<T>(UpdateDefinition<T> update) => Text(update.Render(Args<T>()));

    public static string Of<T>(SortDefinition<T> sort) => Text(sort.Render(Args<T>()));

    public static string Of<T>(ProjectionDefinition<T> projection) => Text(projection.Render(Args<T>()));

    public static string Of<T>(IndexKeysDefinition<T> keys) => Text(keys.Render(Args<T>()));

    /// <summary>A change stream pipeline, rendered over change events of <typeparamref name="T"/> as the driver's Watch does.</summary>
    public static string Of<T>(PipelineDefinition<ChangeStreamDocument<T>, ChangeStreamDocument<T>> pipeline)
    {
        var input = new ChangeStreamDocumentSerializer<T>(BsonSerializer.LookupSerializer<T>());
        return Text(new BsonArray(pipeline.Render(new RenderArgs<ChangeStreamDocument<T>>(input, BsonSerializer.SerializerRegistry)).Documents));
    }

    /// <summary>An aggregation pipeline over <typeparamref name="T"/>, as Aggregate sends it.</summary>
    public static string Of<T>(PipelineDefinition<T, BsonDocument> pipeline) =>
        Text(new BsonArray(pipeline.Render(Args<T>()).Documents));

    /// <summary>An index as createIndexes sends it: key, name, unique and partial filter.</summary>
    public static string Of<T>(CreateIndexModel<T> index)
    {
        var spec = new BsonDocument("key", index.Keys.Render(Args<T>()));
        var options = index.Options;
        spec.Add("name", options.Name);
        if (options.Unique == true) spec.Add("unique", true);
        if (options.PartialFilterExpression is not null) spec.Add("partialFilterExpression", options.PartialFilterExpression.Render(Args<T>()));
        return Text(spec);
    }
}
