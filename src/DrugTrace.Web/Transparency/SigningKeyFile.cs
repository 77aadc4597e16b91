using DrugTrace.Domain.Transparency;

namespace DrugTrace.Web.Transparency;

/// <summary>
/// Loads a private key file (PRIVATE+KEY+name+id+key), or creates one on first start, readable
/// and writable by the app's user only. A key whose name is not the configured one is refused:
/// signing under another name would make every checkpoint unverifiable with the published key.
/// </summary>
public static class SigningKeyFile
{
    /// <summary>The data directory the key files live in unless their path is absolute: the SQLite store's.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["Storage:Sqlite:DataDirectory"] ?? "App_Data", contentRoot);

    public static string LoadOrCreate(string path, string name, Func<string, string> create)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var text = create(name);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try
            {
                using var stream = new FileStream(path, options);
                using var writer = new StreamWriter(stream);
                writer.Write(text + "\n");
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance created it a moment ago: use that one.
            }
        }
        var key = File.ReadAllText(path).Trim();
        var keyName = key.Split('+', 5) is { Length: 5 } parts ? parts[2] : "";
        if (keyName != name)
            throw new InvalidOperationException($"The key file {path} holds a key named '{keyName}', not '{name}'. Use the origin it was made for, or another file.");
        return key;
    }

    public static NoteSigner LogSigner(IConfiguration configuration, string contentRoot, string origin, string file)
    {
        var path = Path.GetFullPath(file, DataDirectory(configuration, contentRoot));
        return NoteSigner.ParsePrivateKey(LoadOrCreate(path, origin, n => NoteSigner.Generate(n).PrivateKeyText));
    }
}
