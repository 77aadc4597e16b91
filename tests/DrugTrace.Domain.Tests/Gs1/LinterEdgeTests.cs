using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>The linters at their edges (first and last allowed values, one past them), each through an AI that uses it.</summary>
public class LinterEdgeTests
{
    private static readonly string s_sscc = "09506000134000001" + CheckDigit.Compute("09506000134000001");
    private static readonly string s_gln = "950600013435" + CheckDigit.Compute("950600013435");
    private static readonly string s_gsrn = "95060001343500001" + CheckDigit.Compute("95060001343500001");

    private static Gs1ParseResult Parse(string input) =>
        Gs1Parser.Parse(input.Replace("{SSCC}", s_sscc, StringComparison.Ordinal).Replace("{GLN}", s_gln, StringComparison.Ordinal)
            .Replace("{GSRN}", s_gsrn, StringComparison.Ordinal), Gs1ParserTests.Today);

    [Theory]
    [InlineData("(8018){GSRN}(7252)0")] // iso5218: every allowed code
    [InlineData("(8018){GSRN}(7252)1")]
    [InlineData("(8018){GSRN}(7252)2")]
    [InlineData("(8018){GSRN}(7252)9")]
    [InlineData("(01)09506000134352(8001)05000030000100")] // winding 0
    [InlineData("(01)09506000134352(8001)05000030000190")] // winding 9
    [InlineData("(00){SSCC}(4321)0")] // yesno 0
    [InlineData("(00){SSCC}(4300)100%25")] // pcenc: a %xx at the very end
    [InlineData("(00){SSCC}(4309)00000000000000000000")] // latitude and longitude 0
    [InlineData("(00){SSCC}(4309)18000000003599999999")]
    [InlineData("(8018){GSRN}(7241)01")] // mediatype: both ends of both ranges
    [InlineData("(8018){GSRN}(7241)10")]
    [InlineData("(8018){GSRN}(7241)80")]
    [InlineData("(8018){GSRN}(7241)99")]
    [InlineData("(8010)9506000134ABC(8011)0")] // nozeroprefix: a lone 0 is fine
    [InlineData("(8018){GSRN}(7259)BABY(7258)2/2")] // posinseqslash: the last of its total
    [InlineData("(00){SSCC}(4324)2712312300")] // hhmi: 23:00, 00 minutes
    [InlineData("(401)1234")] // gcppos1: exactly the four prefix digits
    [InlineData("(8006)095060001343520101(21)A")] // pieceoftotal: 1 of 1
    public void The_edge_values_pass(string input)
    {
        var result = Parse(input);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Theory]
    [InlineData("(8018){GSRN}(7252)3", ": 3 is not an ISO 5218 sex code (0, 1, 2 or 9).")]
    [InlineData("(01)09506000134352(8001)05000030000120", ": winding direction 2 must be 0, 1 or 9.")]
    [InlineData("(00){SSCC}(4321)9", ": 9 must be 0 (no) or 1 (yes).")]
    [InlineData("(00){SSCC}(4300)100%2", ": '%' at position 4 is not followed by two hexadecimal digits.")]
    [InlineData("(00){SSCC}(4300)%", ": '%' at position 1 is not followed by two hexadecimal digits.")]
    [InlineData("(00){SSCC}(4309)18000000003600000001", ": 3600000001 is not a longitude (0000000000-3600000000).")]
    [InlineData("(8018){GSRN}(7241)00", ": 00 is not an AIDC media type (01-10 or 80-99).")]
    [InlineData("(8018){GSRN}(7241)79", ": 79 is not an AIDC media type (01-10 or 80-99).")]
    [InlineData("(8010)9506000134ABC(8011)01", ": it must not start with 0.")]
    [InlineData("(8018){GSRN}(7259)BABY(7258)3/2", ": the position is after the total.")]
    [InlineData("(8018){GSRN}(7258)/12(7259)BABY", ": it must be position/total, e.g. 1/2.")]
    [InlineData("(8018){GSRN}(7258)12/(7259)BABY", ": it must be position/total, e.g. 1/2.")]
    [InlineData("(8018){GSRN}(7258)0/2(7259)BABY", ": it must be position/total with positive numbers, e.g. 1/2.")]
    [InlineData("(8018){GSRN}(7258)1/0(7259)BABY", ": it must be position/total with positive numbers, e.g. 1/2.")]
    [InlineData("(8018){GSRN}(7258)A/2(7259)BABY", ": it must be position/total with positive numbers, e.g. 1/2.")]
    [InlineData("(8018){GSRN}(7258)1/A(7259)BABY", ": it must be position/total with positive numbers, e.g. 1/2.")]
    [InlineData("(401)123", ": it is too short to start with a GS1 Company Prefix.")]
    [InlineData("(8013)A", " is too short to carry its two check characters.")]
    [InlineData("(8006)095060001343520100(21)A", ": total 0 is not allowed.")]
    [InlineData("(00){SSCC}(4324)2712312460", ": hour 24 does not exist.")]
    [InlineData("(415){GLN}(8020)INV1(8007)GB82", ": an IBAN has at least 5 characters.")]
    [InlineData("(415){GLN}(8020)INV1(8007)XX82WEST12345698765432", ": an IBAN starts with a country code; 'XX' is not one.")]
    [InlineData("(415){GLN}(8020)INV1(8007)GBA2WEST12345698765432", ": an IBAN has two check digits after the country code.")]
    [InlineData("(415){GLN}(8020)INV1(8007)GB8AWEST12345698765432", ": an IBAN has two check digits after the country code.")]
    [InlineData("(415){GLN}(8020)INV1(8007)GB82west12345698765432", ": 'w' is not allowed in an IBAN.")]
    public void One_past_the_edge_fails_in_its_words(string input, string ending)
    {
        var result = Parse(input);
        Assert.False(result.IsSuccess);
        Assert.EndsWith(ending, result.Error.Message, StringComparison.Ordinal);
    }
}
