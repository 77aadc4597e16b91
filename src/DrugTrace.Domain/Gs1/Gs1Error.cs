namespace DrugTrace.Domain.Gs1;

/// <summary>Why a code was rejected: a code for the program, a message for the pharmacist.</summary>
/// <param name="Ai">The AI concerned, when there is one.</param>
public sealed record Gs1Error(Gs1ErrorCode Code, string Message, string? Ai = null)
{
    public override string ToString() => $"{Code}: {Message}";
}
