using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace DrugTrace.Domain.Gs1;

/// <summary>A valid GS1 code: its AI elements in the order they came, already checked.</summary>
public sealed class ScannedCode
{
    private readonly AiElement[] _elements;

    internal ScannedCode(ScanFormat format, string? symbologyId, AiElement[] elements, DateOnly? expiry)
    {
        Format = format;
        SymbologyId = symbologyId;
        _elements = elements;
        Expiry = expiry;
    }

    public ScanFormat Format { get; }

    /// <summary>The symbology identifier that preceded the data (e.g. "]d2"), if any.</summary>
    public string? SymbologyId { get; }

    public IReadOnlyList<AiElement> Elements => _elements;

    /// <summary>The value of <paramref name="ai"/>, or null.</summary>
    public string? this[string ai] => TryGet(ai, out var v) ? v : null;

    public bool TryGet(string ai, [NotNullWhen(true)] out string? value)
    {
        foreach (var e in _elements)
        {
            if (e.Ai == ai)
            {
                value = e.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    public bool Has(string ai) => TryGet(ai, out _);

    /// <summary>AI 01, when present (its check digit has been verified).</summary>
    public Gtin? Gtin => TryGet("01", out var v) ? Gs1.Gtin.Parse(v) : null;

    /// <summary>AI 21.</summary>
    public string? Serial => this["21"];

    /// <summary>AI 10.</summary>
    public string? Lot => this["10"];

    /// <summary>AI 17 as a date: DD = 00 is the last day of the month, century per GS1 rule.</summary>
    public DateOnly? Expiry { get; }

    /// <summary>Bracketed form, e.g. (01)09506000134352(21)SN1.</summary>
    public string ToHumanReadable()
    {
        var sb = new StringBuilder();
        foreach (var e in _elements) sb.Append('(').Append(e.Ai).Append(')').Append(e.Value);
        return sb.ToString();
    }

    /// <summary>Element string with GS (ASCII 29) after variable-length values that are not last.</summary>
    public string ToElementString()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _elements.Length; i++)
        {
            sb.Append(_elements[i].Ai).Append(_elements[i].Value);
            if (i < _elements.Length - 1 && AiTable.Get(_elements[i].Ai).RequiresSeparator) sb.Append('\x1d');
        }
        return sb.ToString();
    }

    public override string ToString() => ToHumanReadable();
}
