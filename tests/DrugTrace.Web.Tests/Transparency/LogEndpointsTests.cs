using System.Net;
using System.Security.Cryptography;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Transparency;

/// <summary>The public log, read anonymously as a monitor or an auditor outside the operator would.</summary>
public sealed class LogEndpointsTests : IDisposable
{
    private readonly DrugTraceFactory _factory = new();

    [Fact]
    public async Task The_checkpoint_is_signed_by_the_served_key_and_commits_to_the_whole_log()
    {
        var signed = await _factory.SignNowAsync();
        var anyone = _factory.CreateClient();

        var key = await LogClient.KeyAsync(anyone);
        var (note, checkpoint) = await LogClient.CheckpointAsync(anyone);

        Assert.Equal(NoteKeys.Ed25519, key.Type);
        Assert.Equal(key.Name, checkpoint.Origin);
        Assert.Equal(signed.Size, checkpoint.Size);
        Assert.Equal(signed.Root, checkpoint.Root);
        Assert.Equal(key.Name, Assert.Single(note.Signatures).Name);
        // Seed data alone is more than a full tile: the tiles and the root agree.
        Assert.True(checkpoint.Size > 256);
        Assert.Equal(checkpoint.Root, await RootFromTilesAsync(anyone, checkpoint.Size));
    }

    [Fact]
    public async Task Each_event_of_a_pack_is_proven_in_the_signed_tree()
    {
        var manufacturer = _factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 2);
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[0], lot, expiry), "ship", to: Demo.WholesalerGln);
        await _factory.SignNowAsync();
        var anyone = _factory.CreateClient();
        var (_, checkpoint) = await LogClient.CheckpointAsync(anyone);

        var history = await LogClient.GetJsonAsync(manufacturer, $"/api/v1/packs/{gtin}/{serials[0]}");
        var events = history.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        foreach (var e in events)
        {
            var index = e.GetProperty("logIndex").GetInt64();
            var proof = await LogClient.GetJsonAsync(anyone, $"/log/proof/inclusion?index={index}&size={checkpoint.Size}");
            var leaf = Convert.FromBase64String(proof.GetProperty("leafHash").GetString()!);
            Assert.Equal(SHA256.HashData([0x00, .. Convert.FromHexString(e.GetProperty("hash").GetString()!)]), leaf);
            var check = ProofVerifier.VerifyInclusion(index, checkpoint.Size, leaf, LogClient.Hashes(proof.GetProperty("proof")), checkpoint.Root.ToBytes());
            Assert.True(check.IsValid, check.Problem);
        }
    }

    [Fact]
    public async Task A_later_checkpoint_is_proven_consistent_with_an_earlier_one()
    {
        var first = await _factory.SignNowAsync();
        var manufacturer = _factory.ClientFor(Demo.ManufacturerKey);
        await Api.NewLotAsync(manufacturer, 300);
        var second = await _factory.SignNowAsync();
        Assert.True(second.Size > first.Size + 300);

        var anyone = _factory.CreateClient();
        var proof = await LogClient.GetJsonAsync(anyone, $"/log/proof/consistency?from={first.Size}&to={second.Size}");
        var check = ProofVerifier.VerifyConsistency(first.Size, second.Size, LogClient.Hashes(proof.GetProperty("proof")),
            first.Root.ToBytes(), second.Root.ToBytes());
        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(second.Root, await RootFromTilesAsync(anyone, second.Size));
    }

    [Theory]
    [InlineData("/log/proof/inclusion?index=5&size=5", "index")]
    [InlineData("/log/proof/inclusion?index=-1&size=5", "index")]
    [InlineData("/log/proof/inclusion?index=0&size=0", "size")]
    [InlineData("/log/proof/inclusion?index=0&size=99999999", "size")]
    [InlineData("/log/proof/inclusion?index=abc&size=5", null)]
    [InlineData("/log/proof/inclusion?size=5", null)]
    [InlineData("/log/proof/consistency?from=10&to=5", "from")]
    [InlineData("/log/proof/consistency?from=1&to=99999999", "to")]
    [InlineData("/log/proof/consistency?from=1&to=x", null)]
    [InlineData("/log/tile/9/000", "level")]
    [InlineData("/log/tile/01/000", "level")]
    [InlineData("/log/tile/0/0", "index")]
    [InlineData("/log/tile/0/x000/001", "index")]
    [InlineData("/log/tile/0/000.p/0", "width")]
    [InlineData("/log/tile/0/000.p/256", "width")]
    [InlineData("/log/tile/0/000.p/abc", "width")]
    public async Task Malformed_requests_are_400_problem_details(string url, string? field)
    {
        var response = await _factory.CreateClient().GetAsync(url);
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_tile_the_log_does_not_hold_yet_is_404()
    {
        var response = await _factory.CreateClient().GetAsync("/log/tile/2/000");
        await Api.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    /// <summary>What a monitor does: fetch the tiles the root needs and fold them.</summary>
    private static async Task<Hash256> RootFromTilesAsync(HttpClient anyone, long size)
    {
        var nodes = new TileNodes(size);
        foreach (var (level, index, width) in TileNodes.TilesFor(size, src => MerkleProofs.Root(src, size)))
        {
            var bytes = await anyone.GetByteArrayAsync("/log/" + LogTiles.Path(level, index, width));
            Assert.Equal(width * 32, bytes.Length);
            nodes.Add(level, index, [.. Enumerable.Range(0, width).Select(i => Hash256.FromBytes(bytes.AsSpan(i * 32, 32)))]);
        }
        return MerkleProofs.Root(nodes, size);
    }

    public void Dispose() => _factory.Dispose();
}
