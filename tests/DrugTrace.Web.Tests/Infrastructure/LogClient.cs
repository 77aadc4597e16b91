using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>Reads the public log the way an outsider does, and has the app sign a checkpoint now.</summary>
public static class LogClient
{
    /// <summary>Signs a checkpoint of the log as it is now (the background signer may beat it to it: same result).</summary>
    public static async Task<StoredCheckpoint> SignNowAsync(this DrugTraceFactory factory)
    {
        await factory.Services.GetRequiredService<CheckpointWriter>().SignIfGrownAsync(default);
        var size = await factory.Services.GetRequiredService<ILogTreeStore>().GetSizeAsync(default);
        var latest = await factory.Services.GetRequiredService<ICheckpointStore>().LatestAsync(default);
        Assert.NotNull(latest);
        Assert.Equal(size, latest.Size);
        return latest;
    }

    public static async Task<NoteVerifier> KeyAsync(HttpClient anyone) =>
        NoteVerifier.Parse(await anyone.GetStringAsync("/log/key"));

    /// <summary>The served checkpoint, verified with the served key.</summary>
    public static async Task<(SignedNote Note, Checkpoint Checkpoint)> CheckpointAsync(HttpClient anyone)
    {
        var key = await KeyAsync(anyone);
        var note = SignedNote.Parse(await anyone.GetStringAsync("/log/checkpoint"));
        var check = note.Open([key], out _);
        Assert.True(check.IsValid, check.Problem);
        Assert.True(Checkpoint.TryParse(note.Text, out var checkpoint, out var problem), problem);
        return (note, checkpoint!);
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url) =>
        await client.GetFromJsonAsync<JsonElement>(url);

    public static byte[][] Hashes(JsonElement array) => [.. array.EnumerateArray().Select(e => Convert.FromBase64String(e.GetString()!))];
}
