using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Validation;
using Mediator;

namespace DrugTrace.Application.Common.Behaviours;

/// <summary>Runs every validator of a request and answers 400 with all problems at once.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        Dictionary<string, List<string>>? errors = null;
        foreach (var validator in validators)
        {
            foreach (var (field, text) in validator.Validate(message))
            {
                errors ??= [];
                if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
                list.Add(text);
            }
        }
        if (errors is not null)
            throw new ValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return next(message, cancellationToken);
    }
}
