namespace DrugTrace.Domain.Gs1;

/// <summary>One AI and its value, e.g. ("17", "271231").</summary>
public readonly record struct AiElement(string Ai, string Value)
{
    public override string ToString() => $"({Ai}){Value}";
}
