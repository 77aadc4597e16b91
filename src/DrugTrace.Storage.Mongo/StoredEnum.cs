namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Reads an enum stored by name. Only a defined name is accepted: <see cref="Enum.Parse{TEnum}(string)"/>
/// would also take "7" or "Shipped, Received" and hand on a value no code expects.
/// </summary>
internal static class StoredEnum
{
    public static T Parse<T>(string? value, string field) where T : struct, Enum =>
        value is { Length: > 0 } && !char.IsDigit(value[0]) && value[0] != '-' && !value.Contains(',')
            && Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new UnreadableDocumentException(
                $"The stored {field} '{value}' is not a {typeof(T).Name} this DrugTrace knows (written by a newer version?).");

    public static T? ParseNullable<T>(string? value, string field) where T : struct, Enum =>
        value is null ? null : Parse<T>(value, field);
}
