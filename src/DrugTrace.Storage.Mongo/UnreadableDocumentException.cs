namespace DrugTrace.Storage.Mongo;

/// <summary>
/// A stored document this DrugTrace cannot read: a value it does not know (an enum name added by
/// a newer version, say) or a field of the wrong type. It concerns that one document only.
/// </summary>
internal sealed class UnreadableDocumentException(string message, Exception? inner = null) : Exception(message, inner);
