namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// A named sequence in the <c>counters</c> collection (<c>log</c>: the last global log index;
/// <c>alerts</c>: the last alert id). Always incremented with findOneAndUpdate + $inc inside the
/// transaction that uses the value, so an aborted transaction leaves no gap.
/// </summary>
internal sealed class CounterDocument
{
    public string Name { get; set; } = "";
    public long Value { get; set; }
}
