using System.Diagnostics.CodeAnalysis;

namespace DrugTrace.Domain.Gs1;

/// <summary>Either a <see cref="PackIdentity"/> (with the full <see cref="ScannedCode"/>) or a <see cref="Gs1Error"/>.</summary>
public sealed class PackParseResult
{
    private PackParseResult(PackIdentity? value, ScannedCode? code, Gs1Error? error)
    {
        Value = value;
        Code = code;
        Error = error;
    }

    [MemberNotNullWhen(true, nameof(Value), nameof(Code))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    public PackIdentity? Value { get; }

    /// <summary>Everything the code carried (also other AIs such as 710 or 8030).</summary>
    public ScannedCode? Code { get; }

    public Gs1Error? Error { get; }

    public static PackParseResult Success(PackIdentity value, ScannedCode code) =>
        new(value ?? throw new ArgumentNullException(nameof(value)), code ?? throw new ArgumentNullException(nameof(code)), null);

    public static PackParseResult Failure(Gs1Error error) => new(null, null, error ?? throw new ArgumentNullException(nameof(error)));

    public bool TryGet([NotNullWhen(true)] out PackIdentity? value, [NotNullWhen(false)] out Gs1Error? error)
    {
        value = Value;
        error = Error;
        return IsSuccess;
    }

    /// <summary>For <c>var (pack, error) = result;</c>: exactly one of the two is not null.</summary>
    public void Deconstruct(out PackIdentity? value, out Gs1Error? error)
    {
        value = Value;
        error = Error;
    }

    public override string ToString() => IsSuccess ? Value.ToString() : Error.ToString();
}
