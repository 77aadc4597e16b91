using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqliteUserStore(SqliteDatabase db) : IUserStore
{
    private const string Columns = "user_name, display_name, party_gln, password_hash, failed_sign_ins, locked_until";

    public ValueTask<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE user_name = $v";
        command.Parameters.AddWithValue("$v", userName.Trim());
        return ValueTask.FromResult(command.ReadFirst(Map));
    }

    public async ValueTask AddAsync(UserAccount user, CancellationToken cancellationToken)
    {
        try
        {
            await db.Writer.WriteAsync(w => w.Command("""
                    INSERT INTO users (user_name, display_name, party_gln, password_hash)
                    VALUES ($user, $display, $party, $hash)
                    """)
                .Add("$user", user.UserName).Add("$display", user.DisplayName).Add("$party", user.PartyGln).Add("$hash", user.PasswordHash)
                .ExecuteNonQuery(), cancellationToken);
        }
        catch (SqliteException ex) when (Rows.IsConstraint(ex))
        {
            throw new ConflictException($"The user name {user.UserName} is taken, or party {user.PartyGln} is not registered.");
        }
    }

    public async ValueTask UpdatePasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("UPDATE users SET password_hash = $hash WHERE user_name = $user")
            .Add("$user", userName).Add("$hash", passwordHash)
            .ExecuteNonQuery(), cancellationToken);

    public ValueTask<int> CountAsync(CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM users";
        return ValueTask.FromResult(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask<UserAccount?> RecordFailedSignInAsync(string userName, int maxFailures, DateTimeOffset lockUntil, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w =>
        {
            // One statement, so that concurrent wrong passwords all count.
            using var reader = w.Command($"""
                    UPDATE users SET
                        locked_until = CASE WHEN failed_sign_ins + 1 >= $max THEN $until ELSE locked_until END,
                        failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $max THEN 0 ELSE failed_sign_ins + 1 END
                    WHERE user_name = $user
                    RETURNING {Columns}
                    """)
                .Add("$user", userName.Trim()).Add("$max", maxFailures).Add("$until", Rows.Millis(lockUntil))
                .ExecuteReader();
            return reader.Read() ? Map(reader) : null;
        }, cancellationToken);

    public async ValueTask ResetFailedSignInsAsync(string userName, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE user_name = $user")
            .Add("$user", userName.Trim())
            .ExecuteNonQuery(), cancellationToken);

    private static UserAccount Map(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.GetInt32(4), r.IsDBNull(5) ? null : Rows.Time(r.GetInt64(5)));
}
