using System.Diagnostics.CodeAnalysis;

namespace DrugTrace.Domain.Gs1;

/// <summary>Either a <see cref="ScannedCode"/> or a <see cref="Gs1Error"/>.</summary>
public sealed class Gs1ParseResult
{
    private Gs1ParseResult(ScannedCode? value, Gs1Error? error)
    {
        Value = value;
        Error = error;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    public ScannedCode? Value { get; }
    public Gs1Error? Error { get; }

    public static Gs1ParseResult Success(ScannedCode value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static Gs1ParseResult Failure(Gs1Error error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    public bool TryGet([NotNullWhen(true)] out ScannedCode? value, [NotNullWhen(false)] out Gs1Error? error)
    {
        value = Value;
        error = Error;
        return IsSuccess;
    }

    /// <summary>For <c>var (code, error) = result;</c>: exactly one of the two is not null.</summary>
    public void Deconstruct(out ScannedCode? value, out Gs1Error? error)
    {
        value = Value;
        error = Error;
    }

    public override string ToString() => IsSuccess ? Value.ToString() : Error.ToString();
}
