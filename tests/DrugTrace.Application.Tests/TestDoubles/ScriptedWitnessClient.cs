using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>A witness that answers from a script, one reply per request, and keeps what it was sent.</summary>
public sealed class ScriptedWitnessClient : IWitnessClient
{
    private readonly Queue<Func<string, WitnessReply>> _replies = new();

    public List<(string Url, string Body)> Sent { get; } = [];

    public ScriptedWitnessClient Then(Func<string, WitnessReply> reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    public ScriptedWitnessClient Then(WitnessReply reply) => Then(_ => reply);

    public ValueTask<WitnessReply> AddCheckpointAsync(string url, string body, CancellationToken cancellationToken)
    {
        Sent.Add((url, body));
        if (!_replies.TryDequeue(out var reply)) throw new InvalidOperationException($"The script has no reply left for request {Sent.Count}.");
        return ValueTask.FromResult(reply(body));
    }
}
