using MongoDB.Bson;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The start-up check on <c>hello</c> replies as a standalone server, a replica set member and a mongos send them.</summary>
public sealed class ReplicaSetCheckTests
{
    private static BsonDocument Hello(string json) => BsonDocument.Parse(json);

    [Fact]
    public void A_standalone_server_is_refused_with_what_to_do()
    {
        var standalone = Hello("""
            { "isWritablePrimary" : true, "topologyVersion" : { "counter" : 0 }, "maxBsonObjectSize" : 16777216,
              "maxWireVersion" : 21, "minWireVersion" : 0, "readOnly" : false, "ok" : 1.0 }
            """);
        var problem = ReplicaSetCheck.Problem(standalone);
        Assert.NotNull(problem);
        Assert.Contains("standalone", problem);
        Assert.Contains("--replSet", problem);
        Assert.Contains("rs.initiate()", problem);
        Assert.Equal("standalone", ReplicaSetCheck.Describe(standalone));
    }

    [Fact]
    public void A_replica_set_member_is_accepted()
    {
        var primary = Hello("""
            { "setName" : "rs0", "setVersion" : 1, "isWritablePrimary" : true, "secondary" : false,
              "hosts" : ["mongo1:27017", "mongo2:27017", "mongo3:27017"], "primary" : "mongo1:27017", "me" : "mongo1:27017", "ok" : 1.0 }
            """);
        Assert.Null(ReplicaSetCheck.Problem(primary));
        Assert.Equal("replica set rs0 (primary)", ReplicaSetCheck.Describe(primary));
        var secondary = Hello("""{ "setName" : "rs0", "isWritablePrimary" : false, "secondary" : true, "ok" : 1.0 }""");
        Assert.Null(ReplicaSetCheck.Problem(secondary));
        Assert.Equal("replica set rs0", ReplicaSetCheck.Describe(secondary));
    }

    [Fact]
    public void A_mongos_router_is_accepted()
    {
        var mongos = Hello("""{ "isWritablePrimary" : true, "msg" : "isdbgrid", "maxWireVersion" : 21, "ok" : 1.0 }""");
        Assert.Null(ReplicaSetCheck.Problem(mongos));
        Assert.Equal("sharded cluster (mongos)", ReplicaSetCheck.Describe(mongos));
    }

    [Fact]
    public void An_empty_set_name_is_not_a_replica_set()
    {
        Assert.NotNull(ReplicaSetCheck.Problem(Hello("""{ "setName" : "", "ok" : 1.0 }""")));
    }
}
