namespace DrugTrace.Application.Common.Interfaces;

/// <summary>What a witness answered: HTTP status (0 when it could not be reached), content type and body.</summary>
public sealed record WitnessReply(int Status, string? ContentType, string Body);

/// <summary>Posts a tlog-witness add-checkpoint body to a witness.</summary>
public interface IWitnessClient
{
    /// <summary>Never throws for a witness that is down or slow: that is a reply with status 0.</summary>
    ValueTask<WitnessReply> AddCheckpointAsync(string url, string body, CancellationToken cancellationToken);
}
