using System.Net;
using System.Text;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Transparency;

/// <summary>The witness's HTTP answers, exactly as C2SP tlog-witness fixes them.</summary>
public sealed class WitnessEndpointsTests : IDisposable
{
    private readonly NoteSigner _log = NoteSigner.Generate(WitnessKit.LogOrigin);
    private readonly ConfiguredFactory _witness;
    private static readonly Hash256 Root3 = Hash256.FromHex("1111111111111111111111111111111111111111111111111111111111111111");

    public WitnessEndpointsTests() => _witness = WitnessKit.Witness(_log);

    private string Note(long size, Hash256 root, NoteSigner? signer = null) =>
        SignedNote.Sign(new Checkpoint((signer ?? _log).Name, size, root).Text, signer ?? _log).ToString();

    private async Task<HttpResponseMessage> PostAsync(string body) =>
        await _witness.CreateClient().PostAsync("/witness/add-checkpoint", new StringContent(body, Encoding.UTF8, "text/plain"));

    [Fact]
    public async Task The_key_is_a_cosignature_v1_verifier_key_and_cosignatures_verify_with_it()
    {
        var key = NoteVerifier.Parse(await _witness.CreateClient().GetStringAsync("/witness/key"));
        Assert.Equal((NoteKeys.CosignatureV1, "regulator.example/witness"), (key.Type, key.Name));

        var note = Note(3, Root3);
        var response = await PostAsync(new AddCheckpointBody(0, [], note).Text);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("— regulator.example/witness ", lines);
        Assert.True(SignedNote.Parse(note + lines).Open([key], out _).IsValid);
    }

    [Fact]
    public async Task A_stale_old_size_is_409_with_the_size_as_text_x_tlog_size()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(new AddCheckpointBody(0, [], Note(3, Root3)).Text)).StatusCode);
        var response = await PostAsync(new AddCheckpointBody(0, [], Note(5, Root3)).Text);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("text/x.tlog.size", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_proof_that_does_not_verify_is_422_problem_details_and_stores_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(new AddCheckpointBody(0, [], Note(3, Root3)).Text)).StatusCode);
        var response = await PostAsync(new AddCheckpointBody(3, [Root3, Root3], Note(5, Root3)).Text);
        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("does not verify", problem.GetProperty("detail").GetString());
        Assert.Equal(3, (await _witness.Services.GetRequiredService<IWitnessStore>().FindAsync(WitnessKit.LogOrigin, default))!.Size);
        Assert.NotEmpty(await _witness.IntegrityAlertsAsync());
    }

    [Fact]
    public async Task Unknown_origin_is_404_and_a_bad_signature_is_403()
    {
        var other = NoteSigner.Generate("other.example/log");
        await Api.ProblemAsync(await PostAsync(new AddCheckpointBody(0, [], Note(3, Root3, other)).Text), HttpStatusCode.NotFound);
        var impostor = NoteSigner.Generate(WitnessKit.LogOrigin);
        await Api.ProblemAsync(await PostAsync(new AddCheckpointBody(0, [], Note(3, Root3, impostor)).Text), HttpStatusCode.Forbidden);
        Assert.Empty(await _witness.Services.GetRequiredService<IWitnessStore>().ListAsync(default));
        Assert.Empty(await _witness.IntegrityAlertsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("old 1\n\nnot a note")]
    public async Task A_bad_body_is_400_problem_details(string body) =>
        await Api.ProblemAsync(await PostAsync(body), HttpStatusCode.BadRequest);

    [Fact]
    public async Task An_oversized_or_non_utf8_body_is_400()
    {
        await Api.ProblemAsync(await PostAsync(new string('a', 70_000)), HttpStatusCode.BadRequest);
        var bytes = new ByteArrayContent([0x6f, 0x6c, 0x64, 0x20, 0xff, 0xfe, 0x0a]);
        await Api.ProblemAsync(await _witness.CreateClient().PostAsync("/witness/add-checkpoint", bytes), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_instance_that_is_not_a_witness_has_no_witness_endpoints()
    {
        using var plain = new DrugTraceFactory();
        Assert.Equal(HttpStatusCode.NotFound, (await plain.CreateClient().GetAsync("/witness/key")).StatusCode);
        var response = await plain.CreateClient().PostAsync("/witness/add-checkpoint", new StringContent("old 0\n\n"));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _witness.Dispose();
}
