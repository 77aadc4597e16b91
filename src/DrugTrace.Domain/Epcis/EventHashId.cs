using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DrugTrace.Domain.Epcis;

/// <summary>
/// The CBV 2.0 EPCIS event hash ID (CBV 2.0 section 8.9): the event's fields in the standard
/// order, each value normalised (UTC timestamps to the millisecond, GS1 keys as canonical Digital
/// Links, CBV terms as GS1 Web URIs, numbers without redundant zeros), list items sorted, user
/// extensions last, all concatenated without separators and hashed with SHA-256:
/// <c>ni:///sha-256;{hex}?ver=CBV2.0</c>. eventID, recordTime, errorDeclaration and
/// certificationInfo do not take part. Sensor data is not supported (DrugTrace neither writes
/// nor applies it).
/// </summary>
public static partial class EventHashId
{
    private static readonly string[] EpcLists = ["epcList", "parentID", "inputEPCList", "childEPCs"];
    private static readonly string[] QuantityLists = ["quantityList", "childQuantityList", "inputQuantityList"];

    private static readonly Cbv.Vocabulary[] Vocabularies = [Cbv.BizStep, Cbv.Disposition, Cbv.BizTransactionType, Cbv.SourceDestType, Cbv.ErrorReason];

    private static readonly HashSet<string> Ignored =
        ["type", "@context", "eventID", "recordTime", "errorDeclaration", "certificationInfo"];

    public static string Compute(JsonObject ev, EpcisNamespaces? namespaces = null) =>
        "ni:///sha-256;" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PreHash(ev, namespaces)))) + "?ver=CBV2.0";

    /// <summary>The pre-hash string: what is hashed, readable for debugging.</summary>
    public static string PreHash(JsonObject ev, EpcisNamespaces? namespaces = null)
    {
        var ns = EpcisNamespaces.From(ev["@context"], namespaces);
        var type = Text(ev["type"]) ?? throw new FormatException("An EPCIS event needs its type.");
        if (ev.ContainsKey("sensorElementList"))
            throw new NotSupportedException("Events with sensor data are not hashed by DrugTrace.");
        var done = new HashSet<string>(Ignored, StringComparer.Ordinal);
        var sb = new StringBuilder("eventType=").Append(type);

        void Field(string name, Func<JsonNode, string> render)
        {
            done.Add(name);
            if (ev[name] is { } node) sb.Append(render(node));
        }

        Field("eventTime", n => "eventTime=" + Timestamp(Text(n)!));
        Field("eventTimeZoneOffset", n => "eventTimeZoneOffset=" + Text(n)!.Trim());
        foreach (var list in EpcLists)
            Field(list, n => n is JsonArray a ? EpcList(list, a) : $"{list}={Canon(Text(n)!)}");
        foreach (var list in QuantityLists) Field(list, n => QuantityList(list, n));
        Field("outputEPCList", n => EpcList("outputEPCList", (JsonArray)n));
        Field("outputQuantityList", n => QuantityList("outputQuantityList", n));
        Field("action", n => "action=" + Text(n)!.Trim());
        Field("transformationID", n => "transformationID=" + Canon(Text(n)!));
        Field("bizStep", n => "bizStep=" + Cbv.BizStep.ToWebUri(Text(n)!));
        Field("disposition", n => "disposition=" + Cbv.Disposition.ToWebUri(Text(n)!));
        Field("persistentDisposition", PersistentDisposition);
        Field("readPoint", n => Location("readPoint", n));
        Field("bizLocation", n => Location("bizLocation", n));
        Field("bizTransactionList", n => TypedList("bizTransactionList", "bizTransaction", Cbv.BizTransactionType, n));
        Field("sourceList", n => TypedList("sourceList", "source", Cbv.SourceDestType, n));
        Field("destinationList", n => TypedList("destinationList", "destination", Cbv.SourceDestType, n));
        Field("ilmd", n => "ilmd" + Join(Children(n, ns)));

        // User extensions, wherever they are, last and sorted.
        var extensions = new List<string>();
        foreach (var (name, node) in ev)
        {
            if (!done.Contains(name) && node is not null) extensions.AddRange(Generic(ns.ExpandName(name), node, ns));
        }
        foreach (var place in new[] { "readPoint", "bizLocation" })
        {
            if (ev[place] is JsonObject location)
            {
                foreach (var (name, node) in location)
                {
                    if (name != "id" && node is not null)
                        extensions.AddRange(Generic(ns.ExpandName(name), node, ns).Select(s => place + s));
                }
            }
        }
        return sb.Append(Join(extensions)).ToString();
    }

    /// <summary>
    /// The hash ID of an event as DrugTrace writes a pack's event (<see cref="PackEpcisEvents"/>), from its
    /// values, without building its JSON: what <see cref="Compute"/> gives for that JSON, the same fields in
    /// the same order, each rendered by the same rules. A capture and the stores hash every event they write.
    /// </summary>
    internal static string ComputeWritten(in WrittenEvent e)
    {
        var sb = AppendHead((_written ??= new StringBuilder(1024)).Clear(), e).Append(Own(e.Epc));
        return Hash(AppendTail(sb, e));
    }

    // The pre-hash up to the pack's EPC (its own, not a parent's), and from after it to the end: a lot's
    // commissioning events differ in nothing else, so CommissioningIds builds both once per lot.
    private static StringBuilder AppendHead(StringBuilder sb, in WrittenEvent e)
    {
        sb.Append("eventType=").Append(e.Type).Append("eventTime=");
        AppendMillis(sb, e.EventTime).Append("eventTimeZoneOffset=+00:00");
        return e.Parent is null ? sb.Append("epcListepc=") : sb.Append("parentID=").Append(Own(e.Parent)).Append("childEPCsepc=");
    }

    private static StringBuilder AppendTail(StringBuilder sb, in WrittenEvent e)
    {
        sb.Append("action=").Append(e.Action).Append("bizStep=").Append(Cbv.BizStep.ToWebUri(e.BizStep));
        if (e.Disposition.Length > 0) sb.Append("disposition=").Append(Cbv.Disposition.ToWebUri(e.Disposition));
        var location = Own(e.Location);
        sb.Append("readPointid=").Append(location).Append("bizLocationid=").Append(location);
        if (e.From is { } from && e.To is { } to)
        {
            Parties(sb, "sourceList", "source", from);
            Parties(sb, "destinationList", "destination", to);
        }
        if (e.Lot is { } lot && e.Expiry is { } expiry)
        {
            // What Generic gives for the two ILMD strings (neither name has "time" in it): name=value, sorted
            // ({urn:epcglobal:cbv:mda:}itemExpirationDate before {...}lotNumber, whatever the values).
            sb.Append("ilmd").Append(ExpiryName).Append('=').Append(Canon(expiry)).Append(LotName).Append('=').Append(Canon(lot));
        }
        return sb;
    }

    /// <summary>
    /// The hash IDs of events written alike but for their EPC (a lot's commissioning): <see cref="ComputeWritten"/>'s
    /// pre-hash around the EPC kept as UTF-8 bytes, so that each event encodes and hashes only its EPC's part.
    /// One instance per thread of use: it hashes in a buffer of its own.
    /// </summary>
    internal sealed class EpcVariants
    {
        private readonly byte[] _head;
        private readonly byte[] _tail;
        private byte[] _input;

        public EpcVariants(in WrittenEvent model)
        {
            var sb = new StringBuilder(1024);
            _head = Encoding.UTF8.GetBytes(AppendHead(sb, model).ToString());
            _tail = Encoding.UTF8.GetBytes(AppendTail(sb.Clear(), model).ToString());
            _input = new byte[_head.Length + _tail.Length + 256];
            _head.CopyTo(_input, 0);
        }

        /// <summary>What <see cref="ComputeWritten"/> gives for the model with <paramref name="epc"/> as its EPC.</summary>
        public string Compute(string epc)
        {
            var own = Own(epc);
            var length = _head.Length + Encoding.UTF8.GetMaxByteCount(own.Length) + _tail.Length;
            if (length > _input.Length)
            {
                _input = new byte[length];
                _head.CopyTo(_input, 0);
            }
            var at = _head.Length + Encoding.UTF8.GetBytes(own, _input.AsSpan(_head.Length));
            _tail.CopyTo(_input, at);
            Span<byte> digest = stackalloc byte[Ledger.Sha256.Size];
            Ledger.Sha256.Hash(_input.AsSpan(0, at + _tail.Length), digest);
            return Id(digest);
        }
    }

    private static readonly string LotName = EpcisNamespaces.Default.ExpandName("cbvmda:lotNumber");
    private static readonly string ExpiryName = EpcisNamespaces.Default.ExpandName("cbvmda:itemExpirationDate");
    private static readonly string OwningParty = "type=" + Cbv.SourceDestType.ToWebUri("owning_party");
    private static readonly string LocationType = "type=" + Cbv.SourceDestType.ToWebUri("location");

    // A value DrugTrace wrote: as it is when Canon would give it back unchanged, without reading it.
    private static string Own(string value) => EpcUris.KeepsItsForm(value) ? value : Canon(value);

    // An owning party (417) and a location (414) of one GLN, as the hash orders them: type=...SDT-location sorts first.
    private static void Parties(StringBuilder sb, string list, string valueName, (string Party, string Location) gln) =>
        sb.Append(list).Append(LocationType).Append(valueName).Append('=').Append(Own(gln.Location))
            .Append(OwningParty).Append(valueName).Append('=').Append(Own(gln.Party));

    // The pre-hash of a written event is built in one buffer per thread (a capture hashes thousands in a row).
    [ThreadStatic]
    private static StringBuilder? _written;

    // yyyy-MM-ddTHH:mm:ss.fffZ of the time truncated to the millisecond, UTC (what Timestamp gives for the written eventTime).
    private static StringBuilder AppendMillis(StringBuilder sb, DateTimeOffset t)
    {
        Span<char> text = stackalloc char[24];
        new DateTime(t.UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc)
            .TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return sb.Append(text[..written]);
    }

    private static string Hash(StringBuilder sb)
    {
        var length = 0;
        foreach (var chunk in sb.GetChunks()) length += Encoding.UTF8.GetByteCount(chunk.Span);
        var bytes = length <= 2048 ? stackalloc byte[length] : new byte[length];
        var at = 0;
        foreach (var chunk in sb.GetChunks()) at += Encoding.UTF8.GetBytes(chunk.Span, bytes[at..]);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return Id(digest);
    }

    private const string IdPrefix = "ni:///sha-256;", IdSuffix = "?ver=CBV2.0";

    // ni:///sha-256;{hex}?ver=CBV2.0 written into the one string it is (no hex string to concatenate).
    private static string Id(ReadOnlySpan<byte> digest) =>
        string.Create(IdPrefix.Length + 64 + IdSuffix.Length, digest, static (chars, bytes) =>
        {
            IdPrefix.CopyTo(chars);
            Convert.TryToHexStringLower(bytes, chars[IdPrefix.Length..], out _);
            IdSuffix.CopyTo(chars[(IdPrefix.Length + 64)..]);
        });

    private static string EpcList(string name, JsonArray epcs)
    {
        var items = epcs.Select(e => "epc=" + Canon(Text(e)!)).ToList();
        return items.Count == 0 ? "" : name + Join(items);
    }

    private static string QuantityList(string name, JsonNode node)
    {
        var items = ((JsonArray)node).OfType<JsonObject>().Select(q =>
        {
            var s = new StringBuilder("quantityElement");
            if (Text(q["epcClass"]) is { } c) s.Append("epcClass=").Append(Canon(c));
            if (q["quantity"] is { } quantity) s.Append("quantity=").Append(Number(quantity));
            if (Text(q["uom"]) is { } uom) s.Append("uom=").Append(uom.Trim());
            return s.ToString();
        }).ToList();
        return items.Count == 0 ? "" : name + Join(items);
    }

    private static string PersistentDisposition(JsonNode node)
    {
        var set = Strings(node["set"]).Select(v => "set=" + Cbv.Disposition.ToWebUri(v)).Order(StringComparer.Ordinal);
        var unset = Strings(node["unset"]).Select(v => "unset=" + Cbv.Disposition.ToWebUri(v)).Order(StringComparer.Ordinal);
        var text = string.Concat(set) + string.Concat(unset);
        return text.Length == 0 ? "" : "persistentDisposition" + text;
    }

    private static string Location(string name, JsonNode node) =>
        Text(node["id"]) is { } id ? $"{name}id={Canon(id)}" : "";

    private static string TypedList(string name, string valueName, Cbv.Vocabulary types, JsonNode node)
    {
        var items = ((JsonArray)node).OfType<JsonObject>().Select(item =>
        {
            var s = new StringBuilder();
            if (Text(item["type"]) is { } t) s.Append("type=").Append(types.ToWebUri(t));
            if (Text(item[valueName]) is { } v) s.Append(valueName).Append('=').Append(Canon(v));
            return s.ToString();
        }).Where(s => s.Length > 0).ToList();
        return items.Count == 0 ? "" : name + Join(items);
    }

    private static IEnumerable<string> Children(JsonNode node, EpcisNamespaces ns) =>
        node is JsonObject o
            ? o.Where(p => p.Value is not null && p.Key != "@context").SelectMany(p => Generic(ns.ExpandName(p.Key), p.Value!, ns))
            : [];

    // An extension element: name=value, or name followed by its sorted children; an array repeats the name.
    private static IEnumerable<string> Generic(string name, JsonNode node, EpcisNamespaces ns) => node switch
    {
        JsonArray array => array.Where(i => i is not null).SelectMany(i => Generic(name, i!, ns)),
        JsonObject => [name + Join(Children(node, ns))],
        JsonValue value => [name + "=" + Value(name, value)],
        _ => [],
    };

    private static string Value(string name, JsonValue value)
    {
        if (value.GetValueKind() == JsonValueKind.Number) return Number(value);
        if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return value.GetValueKind() == JsonValueKind.True ? "true" : "false";
        var text = value.GetValue<string>().Trim();
        var local = name[(name.LastIndexOf('}') + 1)..];
        if (local.Contains("time", StringComparison.OrdinalIgnoreCase) && !local.Contains("offset", StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            return Timestamp(text);
        return Canon(text);
    }

    /// <summary>A value as the hash sees it: a GS1 key as its canonical Digital Link, a CBV URN as its Web URI, a number trimmed.</summary>
    private static string Canon(string value)
    {
        value = value.Trim();
        if (value.StartsWith("urn:epcglobal:cbv:", StringComparison.Ordinal))
        {
            foreach (var vocabulary in Vocabularies)
            {
                if (vocabulary.ToWebUri(value) is var web && web != value) return web;
            }
        }
        if (NumberPattern().IsMatch(value) && decimal.TryParse(value, CultureInfo.InvariantCulture, out var number)) return NumberText(number);
        return EpcUris.Canonical(value) ?? value;
    }

    private static string Number(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? Canon(v.ToJsonString())
            : Canon(Text(node) ?? "");

    private static string NumberText(decimal d) => d.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>UTC, millisecond precision (rounded half up), with a Z.</summary>
    public static string Timestamp(string text) =>
        RoundToMilliseconds(DateTimeOffset.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            .UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A time as the hash sees it: UTC, rounded half up to the millisecond.</summary>
    public static DateTimeOffset RoundToMilliseconds(DateTimeOffset t) =>
        new((t.UtcTicks + TimeSpan.TicksPerMillisecond / 2) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static string Join(IEnumerable<string> items) => string.Concat(items.Order(StringComparer.Ordinal));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(Text).OfType<string>(),
        JsonValue => Text(node) is { } s ? [s] : [],
        _ => [],
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString();

    [GeneratedRegex(@"^[+-]?\d+(\.\d+)?$")]
    private static partial Regex NumberPattern();
}
