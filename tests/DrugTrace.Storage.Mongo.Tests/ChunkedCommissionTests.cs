using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// The chunked commission without a server: its plan, its marks as stored, and the queries that hide
/// a lot until its last chunk landed. The commission itself runs in the contract suite under DRUGTRACE_MONGO.
/// </summary>
public sealed class ChunkedCommissionTests
{
    static ChunkedCommissionTests() => MongoClassMaps.Register();

    [Fact]
    public void A_100000_pack_lot_is_fifty_bounded_chunks_that_cover_every_pack_once()
    {
        var chunks = ChunkedCommission.Chunks(100_000, new MongoOptions().CommissionChunk).ToList();
        Assert.Equal(50, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(2_000, c.Count));
        Assert.Equal(Enumerable.Range(0, 100_000), chunks.SelectMany(c => Enumerable.Range(c.Start, c.Count)));
    }

    [Theory]
    [InlineData(10, 3, new[] { 3, 3, 3, 1 })]
    [InlineData(6, 3, new[] { 3, 3 })]
    [InlineData(2, 0, new[] { 1, 1 })]
    public void The_last_chunk_takes_the_rest(int packs, int chunk, int[] sizes) =>
        Assert.Equal(sizes, ChunkedCommission.Chunks(packs, chunk).Select(c => c.Count));

    [Fact]
    public void A_complete_lot_and_pack_store_no_mark_and_old_documents_read_as_complete()
    {
        var lot = MongoMapping.ToDocument(new LotState("04012345000115", "L1", new DateOnly(2029, 5, 31), "4012345000016", new ChainHead(0, Hash256.Zero)), 7);
        Assert.False(lot.ToBsonDocument().Contains("commissioning"));
        lot.Commissioning = 100_000;
        Assert.Equal(100_000, BsonSerializer.Deserialize<LotDocument>(lot.ToBson()).Commissioning);

        var pack = new PackDocument { Chain = 8, Gtin = "04012345000115", Serial = "S1", HeadHash = new byte[32] };
        Assert.False(pack.ToBsonDocument().Contains("commissioningLot"));
        pack.CommissioningLot = 7;
        Assert.Equal(7, pack.ToBsonDocument()["commissioningLot"].AsInt64);
        Assert.Equal(7, BsonSerializer.Deserialize<PackDocument>(pack.ToBson()).CommissioningLot);
    }

    [Fact]
    public void Readers_see_only_complete_lots_and_the_commit_point_matches_only_the_lot_still_waiting()
    {
        Assert.Equal("""{ "gtin" : "04012345000115", "lot" : "L1", "commissioning" : null }""", Rendered.Of(MongoQueries.VisibleLot("04012345000115", "L1")));
        Assert.Equal("""{ "_id" : 7 }""", Rendered.Of(MongoQueries.LotByChain(7)));
        Assert.Equal("""{ "_id" : 7, "commissioning" : 100000 }""", Rendered.Of(MongoQueries.LotCommissioning(7, 100_000)));
        Assert.Equal("""{ "$unset" : { "commissioning" : 1 } }""", Rendered.Of(MongoQueries.CompleteCommission));
        Assert.Equal("""{ "commissioningLot" : 7 }""", Rendered.Of(MongoQueries.CommissionedPacks(7)));
        Assert.Equal("""{ "commissioningLot" : { "$exists" : true } }""", Rendered.Of(MongoQueries.CommissionedPacks(null)));
        Assert.Equal("""{ "$unset" : { "commissioningLot" : 1 } }""", Rendered.Of(MongoQueries.ClearCommissioning));
        Assert.Equal("""{ "gtin" : "04012345000115", "serial" : { "$in" : ["S1", "S2"] } }""",
            Rendered.Of(MongoQueries.SerialsTaken("04012345000115", ["S1", "S2"])));
    }
}
