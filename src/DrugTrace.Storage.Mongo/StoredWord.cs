using DrugTrace.Application.Common.Wire;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Reads a value stored as its wire word ("undo-dispense"). A word this version does not know fails
/// that document alone with a clear <see cref="UnreadableDocumentException"/>, as <see cref="StoredEnum"/> does.
/// </summary>
internal static class StoredWord
{
    public static WireName<T> Parse<T>(string? word, string field) where T : struct, Enum =>
        WireNames.TryParse<T>(word, out var name) ? name : throw Unknown(word, field);

    public static AlertAction AlertAction(string? word) =>
        AlertActionNames.TryParse(word, out var action) ? action : throw Unknown(word, "alert action");

    private static UnreadableDocumentException Unknown(string? word, string field) =>
        new($"The stored {field} '{word}' is not one this DrugTrace knows (written by a newer version?).");
}
