using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqliteUserStore(SqliteDatabase db) : IUserStore
{
    public ValueTask<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_name, display_name, party_gln, password_hash FROM users WHERE user_name = $v";
        command.Parameters.AddWithValue("$v", userName.Trim());
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read()
            ? new UserAccount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null);
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
}
