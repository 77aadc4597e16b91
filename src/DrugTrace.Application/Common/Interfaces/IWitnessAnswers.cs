namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// As a log: a witness's last answer. <see cref="Size"/> is the witness's last known cosigned
/// size (what the next request names as its old size); <see cref="Status"/> the HTTP status, 0 when
/// the witness could not be reached.
/// </summary>
public sealed record WitnessAnswer(string Url, string Name, long Size, int Status, string Detail, DateTimeOffset At);

public interface IWitnessAnswers
{
    ValueTask<WitnessAnswer?> FindAsync(string url, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<WitnessAnswer>> ListAsync(CancellationToken cancellationToken);

    ValueTask SaveAsync(WitnessAnswer answer, CancellationToken cancellationToken);
}
