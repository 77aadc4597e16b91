using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>Which SQLite result codes are faults of the store, and the words they are reported in.</summary>
public sealed class StorageFaultTests
{
    [Theory]
    [InlineData(5, "the database file is locked by another process")]
    [InlineData(6, "the database file is locked by another process")]
    [InlineData(7, "out of memory")]
    [InlineData(8, "the database file is read-only")]
    [InlineData(10, "disk I/O error")]
    [InlineData(266, "disk I/O error")] // SQLITE_IOERR_READ: an extended code keeps its primary code in the low byte
    [InlineData(11, "the database file is damaged")]
    [InlineData(26, "the database file is damaged")]
    [InlineData(13, "disk full")]
    [InlineData(14, "the database file cannot be opened")]
    public void A_fault_of_the_store_is_named(int code, string reason)
    {
        Assert.Equal(reason, StorageFault.Describe(code));
        Assert.Equal(reason, StorageFault.Describe(new SqliteException("fault", code)));
    }

    [Theory]
    [InlineData(19)] // a constraint: the write's own error
    [InlineData(787)] // SQLITE_CONSTRAINT_FOREIGNKEY
    [InlineData(1)]
    public void A_writes_own_error_is_not_a_fault_of_the_store(int code)
    {
        Assert.Null(StorageFault.Describe(code));
        Assert.Null(StorageFault.Describe(new SqliteException("own", code)));
    }

    [Fact]
    public void An_error_that_is_not_SQLites_is_not_a_fault_of_the_store() =>
        Assert.Null(StorageFault.Describe(new InvalidOperationException("bug")));
}
