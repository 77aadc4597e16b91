using DrugTrace.Application.Common.Exceptions;

namespace DrugTrace.Web.Components.Shared;

/// <summary>A use case's validation errors by field, for showing each under its input.</summary>
public sealed class FieldErrors
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public void Set(ValidationException exception) => _errors = exception.Errors;

    public void Clear() => _errors = new Dictionary<string, string[]>();

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? Text(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Errors for fields the form does not show (so none is lost).</summary>
    public IEnumerable<string> Others(params string[] shown) =>
        _errors.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value);
}
