namespace DrugTrace.Application.Common.Validation;

/// <summary>Checks a request's fields before its handler runs; each problem is (field, message).</summary>
public interface IValidator<in TRequest>
{
    IEnumerable<(string Field, string Message)> Validate(TRequest request);
}
