using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Witness;
using Mediator;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Transparency;

/// <summary>The regulator's view of witnessing: this log's witnesses and their last answers, and the logs this instance witnesses.</summary>
public sealed record GetWitnessOverview(string ActorGln) : IRequest<WitnessOverview>, IActorRequest;

/// <summary>A configured witness; <see cref="Answer"/> is null until it was first contacted.</summary>
public sealed record WitnessRow(string Url, string KeyName, WitnessAnswer? Answer);

public sealed record WitnessOverview(IReadOnlyList<WitnessRow> Witnesses, bool IsWitness, IReadOnlyList<WitnessedCheckpoint> Witnessed);

public sealed class GetWitnessOverviewHandler(IOptions<LogOptions> log, IOptions<WitnessOptions> witness, IWitnessAnswers answers, IWitnessStore witnessed)
    : IRequestHandler<GetWitnessOverview, WitnessOverview>
{
    public async ValueTask<WitnessOverview> Handle(GetWitnessOverview request, CancellationToken cancellationToken)
    {
        var known = (await answers.ListAsync(cancellationToken)).ToDictionary(a => a.Url, StringComparer.Ordinal);
        var rows = log.Value.Witnesses
            .Select(w => new WitnessRow(w.Url, w.Key.Split('+')[0], known.GetValueOrDefault(w.Url)))
            .ToList();
        var isWitness = witness.Value.Enabled;
        return new WitnessOverview(rows, isWitness, isWitness ? await witnessed.ListAsync(cancellationToken) : []);
    }
}
