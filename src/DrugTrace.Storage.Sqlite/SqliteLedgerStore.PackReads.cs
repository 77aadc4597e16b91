using DrugTrace.Domain.Packs;

namespace DrugTrace.Storage.Sqlite;

internal sealed partial class SqliteLedgerStore
{
    // Serials per statement: well under SQLite's limit on bound parameters.
    private const int SerialsPerRead = 500;

    /// <summary>Many packs of one GTIN in a few statements on one connection (an EPCIS capture names thousands).</summary>
    public ValueTask<IReadOnlyDictionary<string, PackState>> FindPacksAsync(string gtin, IReadOnlyCollection<string> serials, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, PackState>(StringComparer.Ordinal);
        using var connection = db.OpenRead();
        // One snapshot: the packs as they stood together.
        using var snapshot = connection.BeginTransaction(deferred: true);
        foreach (var chunk in serials.Distinct(StringComparer.Ordinal).Chunk(SerialsPerRead))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var command = connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = $"SELECT {PackColumns} FROM packs WHERE gtin = $gtin AND serial IN ({string.Join(", ", chunk.Select((_, i) => $"$s{i}"))})";
            command.Add("$gtin", gtin);
            for (var i = 0; i < chunk.Length; i++) command.Add($"$s{i}", chunk[i]);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var pack = MapPack(reader);
                found[pack.Serial] = pack;
            }
        }
        return ValueTask.FromResult<IReadOnlyDictionary<string, PackState>>(found);
    }
}
