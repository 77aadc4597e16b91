namespace DrugTrace.E2E;

/// <summary>
/// Where the browser and ffmpeg are. The tests need Debian's Chromium (Playwright drives it
/// through ExecutablePath; no browser download) and ffmpeg (to turn a label into a fake camera
/// feed). Without them they are skipped on a developer's machine, but fail in CI (CI=true),
/// where .ci/test installs both.
/// </summary>
public static class E2EEnvironment
{
    public static string Chromium { get; } = Environment.GetEnvironmentVariable("DRUGTRACE_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    public static string? Ffmpeg { get; } = Which("ffmpeg");

    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    /// <summary>Why the tests cannot run here, or null.</summary>
    public static string? Missing =>
        !File.Exists(Chromium) ? $"Chromium not found at {Chromium} (apt-get install chromium, or set DRUGTRACE_CHROMIUM)"
        : Ffmpeg is null ? "ffmpeg not found on PATH (apt-get install ffmpeg)"
        : null;

    /// <summary>Skip only outside CI; in CI a missing tool is a failure, not a silent skip.</summary>
    public static string? SkipReason => Missing is { } m && !InCi ? "End-to-end browser tests skipped: " + m + ". .ci/test installs both." : null;

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}

/// <summary>A [Fact] that is skipped, with the reason, when Chromium or ffmpeg is missing outside CI.</summary>
public sealed class E2EFactAttribute : FactAttribute
{
    public E2EFactAttribute()
    {
        if (E2EEnvironment.SkipReason is { } reason) Skip = reason;
    }
}
