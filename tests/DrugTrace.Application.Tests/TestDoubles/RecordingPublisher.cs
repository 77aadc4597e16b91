using Mediator;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>Keeps every published notification, in order.</summary>
public sealed class RecordingPublisher : IPublisher
{
    private readonly Lock _gate = new();
    private readonly List<object> _published = [];

    public IReadOnlyList<object> Published
    {
        get { lock (_gate) return [.. _published]; }
    }

    /// <summary>When set, every publish fails with it (a broken listener), after recording the notification.</summary>
    public Exception? FailWith { get; set; }

    public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification => Publish((object)notification, cancellationToken);

    public ValueTask Publish(object notification, CancellationToken cancellationToken = default)
    {
        lock (_gate) _published.Add(notification);
        return FailWith is { } failure ? ValueTask.FromException(failure) : ValueTask.CompletedTask;
    }
}
