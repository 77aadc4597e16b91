using DrugTrace.Domain.Transparency;

namespace DrugTrace.Cli;

/// <summary>The verbs. Each prints what it checked and returns 0, or names the first thing wrong and returns 1.</summary>
internal static class Commands
{
    public const string Usage = """
        drugtrace: verify DrugTrace's transparency log offline.

          verify-bundle FILE --log-key KEY [--witness-key KEY ...]
          verify-inclusion --leaf-hash B64 --index N --size N --root B64 [--proof B64,B64,...]
          verify-consistency --size1 N --size2 N --root1 B64 --root2 B64 [--proof B64,B64,...]
          monitor URL [--state FILE] [--log-key KEY]

        An empty proof is --proof left out. Exit status: 0 verified, 1 not (the reason is printed).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, HttpClient? http = null)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        try
        {
            var a = new Arguments(args.Skip(1));
            return args[0] switch
            {
                "verify-bundle" => VerifyBundle(a, output, error),
                "verify-inclusion" => VerifyInclusion(a, output, error),
                "verify-consistency" => VerifyConsistency(a, output, error),
                "monitor" => await Monitor.RunAsync(a, output, error, http),
                _ => throw new UsageException($"Unknown command '{args[0]}'.\n{Usage}"),
            };
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    private static int VerifyBundle(Arguments a, TextWriter output, TextWriter error)
    {
        if (a.Positional.Count != 1) throw new UsageException("verify-bundle takes one FILE.");
        var logKey = Key(a.Required("--log-key"), "--log-key");
        var witnesses = a.All("--witness-key").Select(k => Key(k, "--witness-key")).ToList();
        string json;
        try
        {
            json = File.ReadAllText(a.Positional[0]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {a.Positional[0]}: {ex.Message}");
        }
        var result = ProofBundle.Verify(json, logKey, witnesses);
        foreach (var line in result.Checked) output.WriteLine($"ok   {line}");
        if (result.IsValid)
        {
            output.WriteLine("VALID: every event, link, inclusion proof and signature checks out.");
            return 0;
        }
        error.WriteLine($"FAIL {result.Problem}");
        return 1;
    }

    private static int VerifyInclusion(Arguments a, TextWriter output, TextWriter error)
    {
        var (index, size) = (a.Number("--index"), a.Number("--size"));
        var check = ProofVerifier.VerifyInclusion(index, size, a.Base64("--leaf-hash"), a.Base64List("--proof"), a.Base64("--root"));
        return Report(check, $"leaf {index} is in the tree of size {size} with that root", output, error);
    }

    private static int VerifyConsistency(Arguments a, TextWriter output, TextWriter error)
    {
        var (size1, size2) = (a.Number("--size1"), a.Number("--size2"));
        var check = ProofVerifier.VerifyConsistency(size1, size2, a.Base64List("--proof"), a.Base64("--root1"), a.Base64("--root2"));
        return Report(check, $"the tree of size {size2} extends the tree of size {size1}", output, error);
    }

    private static int Report(ProofCheck check, string meaning, TextWriter output, TextWriter error)
    {
        if (check.IsValid)
        {
            output.WriteLine($"VALID: {meaning}.");
            return 0;
        }
        error.WriteLine($"FAIL {check.Problem}");
        return 1;
    }

    public static NoteVerifier Key(string text, string option) =>
        NoteVerifier.TryParse(text, out var key, out var problem) ? key! : throw new UsageException($"{option}: {problem}.");
}
