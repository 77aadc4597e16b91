using DrugTrace.Domain.Ledger;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed partial class SqliteLedgerStore
{
    private const string InsertEvent =
        "INSERT INTO events (log_index, chain, seq, stream, gtin, key, type, actor, from_gln, to_gln, reason, lot, expiry, occurred_at, recorded_at, prev_hash, hash) "
        + $"VALUES ({SqliteTreeNodes.NextLogIndex}, $chain, $seq, $stream, $gtin, $key, $type, $actor, $from, $to, $reason, $lot, $expiry, $occurred, $recorded, $prev, $hash)";

    private static void Insert(SqliteWriter w, long chain, LedgerEvent e)
    {
        var insert = EventInsert(w);
        insert.Bind(chain, e);
        insert.Command.ExecuteNonQuery();
        SqliteTreeNodes.Appended(w, w.LastInsertRowId);
    }

    private static EventInsertCommand EventInsert(SqliteWriter w) => new(w.Command(InsertEvent));

    /// <summary>The prepared event insert with its parameters bound once and refilled per event.</summary>
    private sealed class EventInsertCommand
    {
        private readonly SqliteParameter _chain, _seq, _stream, _gtin, _key, _type, _actor, _from, _to, _reason, _lot, _expiry, _occurred, _recorded, _prev, _hash;

        public EventInsertCommand(SqliteCommand command)
        {
            Command = command;
            var p = command.Parameters;
            _chain = p.Add("$chain", SqliteType.Integer);
            _seq = p.Add("$seq", SqliteType.Integer);
            _stream = p.Add("$stream", SqliteType.Integer);
            _gtin = p.Add("$gtin", SqliteType.Text);
            _key = p.Add("$key", SqliteType.Text);
            _type = p.Add("$type", SqliteType.Text);
            _actor = p.Add("$actor", SqliteType.Text);
            _from = p.Add("$from", SqliteType.Text);
            _to = p.Add("$to", SqliteType.Text);
            _reason = p.Add("$reason", SqliteType.Text);
            _lot = p.Add("$lot", SqliteType.Text);
            _expiry = p.Add("$expiry", SqliteType.Text);
            _occurred = p.Add("$occurred", SqliteType.Integer);
            _recorded = p.Add("$recorded", SqliteType.Integer);
            _prev = p.Add("$prev", SqliteType.Blob);
            _hash = p.Add("$hash", SqliteType.Blob);
        }

        public SqliteCommand Command { get; }

        public void Bind(long chain, LedgerEvent e)
        {
            _chain.Value = chain;
            _seq.Value = e.Seq;
            _stream.Value = (int)e.Stream;
            _gtin.Value = e.Gtin;
            _key.Value = e.Key;
            _type.Value = e.Type.ToString();
            _actor.Value = e.Actor;
            _from.Value = Rows.Db(e.From);
            _to.Value = Rows.Db(e.To);
            _reason.Value = Rows.Db(e.Reason);
            _lot.Value = Rows.Db(e.Lot);
            _expiry.Value = e.Expiry is { } d ? Rows.Date(d) : DBNull.Value;
            _occurred.Value = Rows.Millis(e.OccurredAt);
            _recorded.Value = Rows.Millis(e.RecordedAt);
            _prev.Value = Rows.Blob(e.PrevHash);
            _hash.Value = Rows.Blob(e.Hash);
        }
    }
}
