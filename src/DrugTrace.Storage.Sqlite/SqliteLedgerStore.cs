using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The ledger port on SQLite, one class in partial files by concern: the reads (here), commission and
/// the single appends (<c>.Appends</c>), the batch of writes (<c>.Batch</c>), the audit's snapshot reads
/// (<c>.Audit</c>), the row readers (<c>.Rows</c>) and the prepared event insert (<c>.EventInsert</c>).
/// </summary>
internal sealed partial class SqliteLedgerStore(SqliteDatabase db) : ILedgerStore, IChainVisitingStore
{
    /// <summary>A pack head's columns in the order <see cref="MapPack"/> reads them (the custody queries share both).</summary>
    internal const string PackColumns =
        "id, gtin, serial, lot, expiry, status, custodian, ship_to, changed_by, changed_at, head_seq, head_hash, held_from, parent";

    private const string CaseColumns =
        "id, sscc, status, custodian, ship_to, parent, packed_by, packed_at, changed_by, changed_at, head_seq, head_hash";

    internal const string EventColumns =
        "log_index, chain, seq, stream, gtin, key, type, actor, from_gln, to_gln, reason, lot, expiry, occurred_at, recorded_at, prev_hash, hash";

    private const string FindPackSql = $"SELECT {PackColumns} FROM packs WHERE gtin = $gtin AND serial = $serial";
    private const string FindCaseSql = $"SELECT {CaseColumns} FROM cases WHERE sscc = $sscc";
    private const string PackChainSql = $"SELECT {EventColumns} FROM events WHERE chain = (SELECT id * 2 FROM packs WHERE gtin = $gtin AND serial = $key) ORDER BY seq";
    private const string LotChainSql = $"SELECT {EventColumns} FROM events WHERE chain = (SELECT id * 2 + 1 FROM lots WHERE gtin = $gtin AND lot = $key) ORDER BY seq";
    // A case's chain has no GTIN; $gtin is bound for all three and unused here.
    private const string CaseChainSql = $"SELECT {EventColumns} FROM events WHERE chain = (SELECT -id FROM cases WHERE sscc = $key) ORDER BY seq";

    public static long PackChain(long packId) => packId * 2;

    public static long LotChain(long lotId) => lotId * 2 + 1;

    public static long CaseChain(long caseId) => -caseId;

    public ValueTask<CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken)
    {
        using var session = db.Reads.Rent();
        var command = session.Command(FindCaseSql);
        command.Add("$sscc", sscc);
        return ValueTask.FromResult(command.ReadFirst(MapCase));
    }

    public ValueTask<CaseChildren> ListCaseChildrenAsync(string sscc, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        // One snapshot: a case's packs and cases as they stood together.
        using var snapshot = connection.BeginTransaction(deferred: true);
        List<PackState> packs;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = $"SELECT {PackColumns} FROM packs WHERE parent = $sscc";
            packs = command.Add("$sscc", sscc).ReadAll(MapPack);
        }
        List<CaseState> cases;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = $"SELECT {CaseColumns} FROM cases WHERE parent = $sscc";
            cases = command.Add("$sscc", sscc).ReadAll(MapCase);
        }
        return ValueTask.FromResult(new CaseChildren(packs, cases));
    }

    public ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken)
    {
        if (db.Packs.TryGet((gtin, serial), out var cached)) return ValueTask.FromResult<PackState?>(cached);
        var generation = db.Packs.Generation;
        using var session = db.Reads.Rent();
        var command = session.Command(FindPackSql);
        command.Add("$gtin", gtin).Add("$serial", serial);
        var pack = command.ReadFirst(MapPack);
        if (pack is not null) db.Packs.Offer((gtin, serial), pack, generation);
        return ValueTask.FromResult(pack);
    }

    public ValueTask<IReadOnlyList<PackState>> ListPacksAsync(string gtin, string lot, int skip, int take, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {PackColumns} FROM packs
            WHERE lot_id = (SELECT id FROM lots WHERE gtin = $gtin AND lot = $lot)
            ORDER BY id LIMIT $take OFFSET $skip
            """;
        command.Add("$gtin", gtin).Add("$lot", lot).Add("$take", take).Add("$skip", skip);
        return ValueTask.FromResult<IReadOnlyList<PackState>>(command.ReadAll(MapPack));
    }

    public ValueTask<int> CountPacksAsync(string gtin, string lot, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM packs WHERE lot_id = (SELECT id FROM lots WHERE gtin = $gtin AND lot = $lot)";
        command.Add("$gtin", gtin).Add("$lot", lot);
        return ValueTask.FromResult(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public ValueTask<IReadOnlyList<StoredEvent>> GetChainAsync(StreamKind stream, string gtin, string key, CancellationToken cancellationToken)
    {
        using var session = db.Reads.Rent();
        var command = session.Command(stream switch
        {
            StreamKind.Pack => PackChainSql,
            StreamKind.Lot => LotChainSql,
            _ => CaseChainSql,
        });
        command.Add("$gtin", gtin).Add("$key", key);
        return ValueTask.FromResult<IReadOnlyList<StoredEvent>>(command.ReadAll(MapStoredEvent));
    }
}
