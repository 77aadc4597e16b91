using System.Globalization;

namespace DrugTrace.Cli;

/// <summary>--name value options and positional arguments; every malformed value is a <see cref="UsageException"/> with words.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public Arguments(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (!e.MoveNext()) throw new UsageException($"{a} needs a value.");
                if (!_options.TryGetValue(a, out var values)) _options[a] = values = [];
                values.Add(e.Current);
            }
            else _positional.Add(a);
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public string Required(string name) =>
        _options.TryGetValue(name, out var v) ? v[^1] : throw new UsageException($"{name} is required.");

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var v) ? v : [];

    public string? Optional(string name) => _options.TryGetValue(name, out var v) ? v[^1] : null;

    public long Number(string name)
    {
        var text = Required(name);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"{name} must be a whole number, not '{text}'.");
    }

    public byte[] Base64(string name)
    {
        var text = Required(name);
        return Domain.Transparency.Base64.TryDecodeCanonical(text, out var bytes) ? bytes : throw new UsageException($"{name} is not base64: '{text}'.");
    }

    /// <summary>A comma-separated list of base64 hashes; an empty proof is the option left out.</summary>
    public byte[][] Base64List(string name)
    {
        if (Optional(name) is not { } text) return [];
        return [.. text.Split(',').Select((part, i) => Domain.Transparency.Base64.TryDecodeCanonical(part.Trim(), out var b)
            ? b
            : throw new UsageException($"{name}: hash {i + 1} is not base64: '{part}'."))];
    }
}

internal sealed class UsageException(string message) : Exception(message);
