using DrugTrace.Domain.Epcis;

namespace DrugTrace.Domain.Tests.Epcis;

/// <summary>
/// Serials (AI 21) may be any CSET-82 text, including dot segments ("." and "..") and URI delimiters: each
/// one's Digital Link reads back as that serial, and no two serials (nor a serial and none) share a canonical form.
/// </summary>
public sealed class EpcUrisSerialTests
{
    private const string Gtin = "09506000134352";

    // Dot segments and near misses, percent signs, path, query and fragment delimiters ('#' is not CSET-82, but a
    // link must not break on it either), every other CSET-82 punctuation mark.
    internal static readonly string[] Tricky =
    [
        ".", "..", "...", ".a", "a.", "a.b", "./", "../", "./a", "../a", "a/.", "a/..", "a/../b", "a/./b", "/", "//", "a/b", "/a",
        "%", "%%", "%2E", "%2e", "%2E%2E", ".%2E", "%2F", "%25", "%41", "a%b", "?", "a?b", "?17=291231", "#", "a#b", "#.",
        "&", "=", "+", "!", "\"", "'", "(", ")", "*", ",", "-", "_", ":", ";", "<", ">", "SN1", "A-b_9", "0", "00",
    ];

    [Fact]
    public void Every_serial_written_as_a_Digital_Link_reads_back_as_itself()
    {
        var wrong = new List<string>();
        foreach (var serial in Tricky)
        {
            var dl = EpcUris.Sgtin(Gtin, serial);
            if (EpcUris.Canonical(dl) != dl) wrong.Add($"'{serial}': {dl} has the canonical form {EpcUris.Canonical(dl) ?? "none"}");
            if (!EpcUris.TryParseSgtin(dl, out var gtin, out var read) || (gtin, read) != (Gtin, serial))
                wrong.Add($"'{serial}': {dl} is read as '{read}'");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void No_two_serials_share_a_canonical_form_nor_one_with_the_product()
    {
        var forms = Tricky.Select(s => EpcUris.Canonical(EpcUris.Sgtin(Gtin, s))).Append(EpcUris.Canonical($"https://id.gs1.org/01/{Gtin}")).ToList();
        var clashes = forms.GroupBy(f => f).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(clashes);
    }

    [Theory]
    [InlineData("https://id.gs1.org/01/09506000134352/21/.", ".")]
    [InlineData("https://id.gs1.org/01/09506000134352/21/..", "..")]
    [InlineData("https://example.com/01/09506000134352/21/.", ".")]
    [InlineData("https://example.com/prefix/01/09506000134352/10/L1/21/..?17=291231", "..")]
    [InlineData("https://example.com/01/09506000134352/21/.#x", ".")]
    [InlineData("https://id.gs1.org/01/09506000134352/21/%2E", ".")]
    [InlineData("https://id.gs1.org/01/09506000134352/21/%2e", ".")]
    [InlineData("https://id.gs1.org/01/09506000134352/21/%2E%2E", "..")]
    [InlineData("https://id.gs1.org/01/09506000134352/21/.%2e", "..")]
    [InlineData("http://id.gs1.org/01/09506000134352/21/...", "...")]
    public void A_dot_only_serial_from_another_system_keeps_its_serial_however_it_is_written(string link, string serial)
    {
        Assert.True(EpcUris.TryParseSgtin(link, out var gtin, out var read), link);
        Assert.Equal((Gtin, serial), (gtin, read));
        Assert.Equal(EpcUris.Sgtin(Gtin, serial), EpcUris.Canonical(link));
    }

    [Fact]
    public void A_dot_only_serial_is_written_percent_encoded_and_other_dots_as_they_are()
    {
        Assert.Equal($"https://id.gs1.org/01/{Gtin}/21/%2E", EpcUris.Sgtin(Gtin, "."));
        Assert.Equal($"https://id.gs1.org/01/{Gtin}/21/%2E%2E", EpcUris.Sgtin(Gtin, ".."));
        Assert.Equal($"https://id.gs1.org/01/{Gtin}/10/%2E", EpcUris.Lgtin(Gtin, "."));
        // Only a whole dot segment: dots among other characters are plain text.
        Assert.Equal($"https://id.gs1.org/01/{Gtin}/21/...", EpcUris.Sgtin(Gtin, "..."));
        Assert.Equal($"https://id.gs1.org/01/{Gtin}/21/a.b", EpcUris.Sgtin(Gtin, "a.b"));
    }

    [Fact]
    public void A_lot_or_location_extension_of_dots_keeps_its_value_too()
    {
        Assert.True(EpcUris.TryParseClass($"https://example.com/01/{Gtin}/10/..", out _, out var lot));
        Assert.Equal("..", lot);
        Assert.Equal("https://id.gs1.org/414/4012345000016/254/%2E", EpcUris.Canonical("https://example.com/414/4012345000016/254/."));
    }
}
