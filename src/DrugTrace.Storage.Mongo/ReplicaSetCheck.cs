using MongoDB.Bson;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Reads the server's <c>hello</c> reply: transactions and change streams need a replica set
/// member (it has <c>setName</c>) or a mongos router (<c>msg: "isdbgrid"</c>). A standalone
/// server has neither and is refused at start-up with a message that says what to do.
/// </summary>
internal static class ReplicaSetCheck
{
    /// <summary>Null when the server can run DrugTrace; otherwise why not.</summary>
    public static string? Problem(BsonDocument hello)
    {
        if (hello.TryGetValue("setName", out var setName) && setName.IsString && setName.AsString.Length > 0) return null;
        if (hello.TryGetValue("msg", out var msg) && msg.IsString && msg.AsString == "isdbgrid") return null;
        return "The MongoDB server is a standalone server, but DrugTrace needs a replica set (or a sharded cluster): "
            + "it writes the ledger in multi-document transactions and pushes alerts through change streams. "
            + "Start mongod with --replSet and run rs.initiate() (docker-compose.yml at the repository root does both), "
            + "or point Storage:Mongo:ConnectionString at a replica set, e.g. mongodb://host1,host2,host3/?replicaSet=rs0.";
    }

    /// <summary>A short description of the deployment, for the health check.</summary>
    public static string Describe(BsonDocument hello) =>
        hello.TryGetValue("setName", out var setName) && setName.IsString
            ? $"replica set {setName.AsString}" + (hello.TryGetValue("isWritablePrimary", out var p) && p.ToBoolean() ? " (primary)" : "")
            : hello.TryGetValue("msg", out var msg) && msg.IsString && msg.AsString == "isdbgrid" ? "sharded cluster (mongos)" : "standalone";
}
