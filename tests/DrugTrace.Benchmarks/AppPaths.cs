using DrugTrace.Domain.Gs1;

namespace DrugTrace.Benchmarks;

public static class AppPaths
{
    /// <summary>The folder that holds DrugTrace.sln.</summary>
    public static string SolutionRoot { get; } =
        Web.Infrastructure.SolutionRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("DrugTrace.sln not found above the working or app folder.");

    /// <summary>A fresh temporary folder, deleted by <see cref="IDisposable.Dispose"/>.</summary>
    public static TempFolder NewTempFolder(string name) => new(name);

    /// <summary>A valid GTIN-14 under the demo manufacturer's company prefix 4012345.</summary>
    public static string Gtin(int item)
    {
        var first13 = "04012345" + item.ToString("D5", Measure.Inv);
        return first13 + CheckDigit.Compute(first13).ToString(Measure.Inv);
    }

    /// <summary>Size of a SQLite database with its WAL and shared-memory files.</summary>
    public static long DatabaseBytes(string dbFile) =>
        new[] { dbFile, dbFile + "-wal", dbFile + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
}

public sealed class TempFolder : IDisposable
{
    public TempFolder(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"drugtrace-bench-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a child process that is shutting down: leave it to the OS temp cleaner.
        }
    }
}
