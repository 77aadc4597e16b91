namespace DrugTrace.Domain.Epcis;

/// <summary>
/// CBV 2.0 vocabularies (bizStep, disposition, business transaction and source/destination
/// types): a value may be written as the short name ("shipping"), the EPCIS 1.x URN
/// (urn:epcglobal:cbv:bizstep:shipping), the GS1 Web URI (https://ref.gs1.org/cbv/BizStep-shipping)
/// or a CURIE (cbv:BizStep-shipping). Values CBV lacks are DrugTrace's own, under <see cref="DrugTraceVoc"/>.
/// </summary>
public static class Cbv
{
    public const string WebBase = "https://ref.gs1.org/cbv/";

    /// <summary>DrugTrace's own vocabulary, for steps and dispositions CBV has no word for.</summary>
    public const string DrugTraceVoc = "https://drugtrace.example/voc/";

    public static readonly Vocabulary BizStep = new("BizStep-", "urn:epcglobal:cbv:bizstep:");
    public static readonly Vocabulary Disposition = new("Disp-", "urn:epcglobal:cbv:disp:");
    public static readonly Vocabulary BizTransactionType = new("BTT-", "urn:epcglobal:cbv:btt:");
    public static readonly Vocabulary SourceDestType = new("SDT-", "urn:epcglobal:cbv:sdt:");
    public static readonly Vocabulary ErrorReason = new("ER-", "urn:epcglobal:cbv:er:");

    /// <summary>One CBV vocabulary: its Web URI term prefix and its URN prefix.</summary>
    public sealed class Vocabulary(string termPrefix, string urnPrefix)
    {
        public string TermPrefix { get; } = termPrefix;

        /// <summary>The GS1 Web URI of a value in any accepted form (user vocabulary URIs are kept as they are).</summary>
        public string ToWebUri(string value)
        {
            value = value.Trim();
            if (value.StartsWith(urnPrefix, StringComparison.Ordinal)) return WebBase + TermPrefix + value[urnPrefix.Length..];
            if (value.StartsWith("cbv:", StringComparison.Ordinal)) return WebBase + value[4..];
            if (value.Contains(':', StringComparison.Ordinal)) return value;
            return WebBase + TermPrefix + value;
        }

        /// <summary>The CBV short name of a value, or null when it is not a CBV term (another vocabulary's URI).</summary>
        public string? ShortName(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var uri = ToWebUri(value);
            var standard = WebBase + TermPrefix;
            if (uri.StartsWith(standard, StringComparison.Ordinal)) return uri[standard.Length..];
            // The older GS1 Web vocabulary spelling (https://gs1.org/voc/Bizstep-shipping).
            foreach (var old in new[] { "https://gs1.org/voc/", "https://ns.gs1.org/voc/" })
            {
                if (uri.StartsWith(old, StringComparison.Ordinal) && uri.Length > old.Length
                    && uri[old.Length..].StartsWith(TermPrefix, StringComparison.OrdinalIgnoreCase))
                    return uri[(old.Length + TermPrefix.Length)..];
            }
            return null;
        }

        /// <summary>The short name of a DrugTrace vocabulary value (https://drugtrace.example/voc/BizStep-unlocking -> unlocking).</summary>
        public string? DrugTraceName(string? value)
        {
            var own = DrugTraceVoc + TermPrefix;
            return value is not null && value.Trim().StartsWith(own, StringComparison.Ordinal) ? value.Trim()[own.Length..] : null;
        }

        /// <summary>A DrugTrace vocabulary value as its full URI.</summary>
        public string DrugTrace(string name) => DrugTraceVoc + TermPrefix + name;
    }
}
