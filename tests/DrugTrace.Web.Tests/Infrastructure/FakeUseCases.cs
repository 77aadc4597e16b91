using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>Answers use cases with canned results for component tests, and records what was sent.</summary>
public sealed class FakeUseCases : IUseCases
{
    private readonly List<Func<object, object?>> _answers = [];

    public List<object> Sent { get; } = [];

    /// <summary>Answers every request of type <typeparamref name="TRequest"/> (throw from <paramref name="answer"/> to fail it).</summary>
    public FakeUseCases On<TRequest>(Func<TRequest, object> answer)
    {
        _answers.Add(r => r is TRequest t ? answer(t) : null);
        return this;
    }

    public Task<T> SendAsync<T>(IRequest<T> request, CancellationToken cancellationToken = default)
    {
        lock (Sent) Sent.Add(request);
        foreach (var answer in _answers)
        {
            if (answer(request) is { } result) return Task.FromResult((T)result);
        }
        throw new InvalidOperationException($"No canned answer for {request.GetType().Name}.");
    }
}
