namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// The folder that holds DrugTrace.sln: the top-level wwwroot/ and seed-data/ live there, so
/// `dotnet run`, the tests and the benchmarks all find them without copying.
/// </summary>
public static class SolutionRoot
{
    public static string? Find(params string?[] startFolders)
    {
        foreach (var start in startFolders)
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DrugTrace.sln"))) return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>
    /// A top-level folder of the solution (wwwroot, seed-data). An environment variable wins
    /// (a container has no solution); otherwise walk up from the working and app folders.
    /// </summary>
    public static string FolderOf(string name, string? overrideFromEnvironment)
    {
        if (!string.IsNullOrWhiteSpace(overrideFromEnvironment)) return Path.GetFullPath(overrideFromEnvironment);
        var root = Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        return Path.Combine(root ?? AppContext.BaseDirectory, name);
    }
}
