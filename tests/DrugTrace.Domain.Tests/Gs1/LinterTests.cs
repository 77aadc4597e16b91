using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>Each dictionary linter, exercised through an AI that uses it.</summary>
public class LinterTests
{
    private static string WithCheck(string digits) => digits + CheckDigit.Compute(digits);

    private static readonly string s_sscc = WithCheck("09506000134000001");
    private static readonly string s_gln = WithCheck("950600013435");
    private static readonly string s_gsrn = WithCheck("95060001343500001");

    // Placeholders keep InlineData readable: {SSCC}, {GLN}, {GSRN} get valid keys.
    private static Gs1ParseResult Parse(string input) =>
        Gs1Parser.Parse(input.Replace("{SSCC}", s_sscc, StringComparison.Ordinal).Replace("{GLN}", s_gln, StringComparison.Ordinal).Replace("{GSRN}", s_gsrn, StringComparison.Ordinal), Gs1ParserTests.Today);

    [Theory]
    [InlineData("(8013)1987654Ad4X4bL5ttr2310c2K")] // csumalpha, GS1's own vector
    [InlineData("(8013)12345_0123456789:;<=>?62")]
    [InlineData("(401)1234ABC")] // gcppos1
    [InlineData("(01)09506000134352(422)276")] // iso3166
    [InlineData("(01)09506000134352(7030)999ABC")] // iso3166999
    [InlineData("(01)09506000134352(7030)276ABC")]
    [InlineData("(00){SSCC}(4307)DE")] // iso3166alpha2
    [InlineData("(01)09506000134352(30)5(3932)978123")] // iso4217
    [InlineData("(00){SSCC}(4300)ACME%20Pharma")] // pcenc
    [InlineData("(01)09506000134352(8001)05000030000110")] // nonzero, winding
    [InlineData("(8006)095060001343520202(21)A")] // pieceoftotal
    [InlineData("(00){SSCC}(4321)1")] // yesno
    [InlineData("(00){SSCC}(4324)2712312359")] // yymmd0 + hhmi
    [InlineData("(00){SSCC}(4324)2712002359")]
    [InlineData("(01)09506000134352(8008)27123123")] // yymmdd + hh
    [InlineData("(01)09506000134352(8008)2712312359")] // + mi
    [InlineData("(01)09506000134352(8008)271231235959")] // + ss
    [InlineData("(8018){GSRN}(7250)20240229")] // yyyymmdd
    [InlineData("(8018){GSRN}(7241)80")] // mediatype
    [InlineData("(8018){GSRN}(7252)9")] // iso5218
    [InlineData("(8018){GSRN}(7259)BABY(7258)1/2")] // posinseqslash
    [InlineData("(7040)1A-_")] // importeridx
    [InlineData("(00){SSCC}(4330)001234-")] // hyphen
    [InlineData("(00){SSCC}(4309)18000000003600000000")] // latitude, longitude
    [InlineData("(415){GLN}(8020)INV1(8007)GB82WEST12345698765432")] // iban
    [InlineData("(8010)9506000134ABC(8011)10")] // nozeroprefix, cset39
    [InlineData("(01)09506000134352(21)A(8030)AbC-_09==")] // cset64 padding
    public void Valid_values_pass(string input)
    {
        var result = Parse(input);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Theory]
    [InlineData("(8013)1987654Ad4X4bL5ttr2310cXK", Gs1ErrorCode.InvalidCheckDigit, "has wrong check characters (expected 2K)")]
    [InlineData("(401)123ABC", Gs1ErrorCode.InvalidValue, "must start with a numeric GS1 Company Prefix ('A' at position 4)")]
    [InlineData("(01)09506000134352(422)999", Gs1ErrorCode.InvalidValue, "999 is not an ISO 3166 country code")]
    [InlineData("(01)09506000134352(7030)998ABC", Gs1ErrorCode.InvalidValue, "998 is not an ISO 3166 country code or 999")]
    [InlineData("(00){SSCC}(4307)AA", Gs1ErrorCode.InvalidValue, "AA is not an ISO 3166 two-letter country code")]
    [InlineData("(01)09506000134352(30)5(3932)000123", Gs1ErrorCode.InvalidValue, "000 is not an ISO 4217 currency code")]
    [InlineData("(00){SSCC}(4300)ACME%2", Gs1ErrorCode.InvalidValue, "'%' at position 5 is not followed by two hexadecimal digits")]
    [InlineData("(01)09506000134352(8001)00000030000110", Gs1ErrorCode.InvalidValue, "it must not be zero")]
    [InlineData("(01)09506000134352(8001)05000030000150", Gs1ErrorCode.InvalidValue, "winding direction 5 must be 0, 1 or 9")]
    [InlineData("(8006)095060001343520302(21)A", Gs1ErrorCode.InvalidValue, "piece 3 of 2 is more than the total")]
    [InlineData("(8006)095060001343520002(21)A", Gs1ErrorCode.InvalidValue, "piece number 0 does not exist")]
    [InlineData("(00){SSCC}(4321)2", Gs1ErrorCode.InvalidValue, "2 must be 0 (no) or 1 (yes)")]
    [InlineData("(00){SSCC}(4324)2712312360", Gs1ErrorCode.InvalidValue, "minute 60 does not exist")]
    [InlineData("(00){SSCC}(4324)2712312400", Gs1ErrorCode.InvalidValue, "hour 24 does not exist")]
    [InlineData("(00){SSCC}(4326)271200", Gs1ErrorCode.InvalidDate, "day 00 is not allowed in this date")]
    [InlineData("(01)09506000134352(8008)2712312460", Gs1ErrorCode.InvalidValue, "hour 24 does not exist")]
    [InlineData("(01)09506000134352(8008)271231235960", Gs1ErrorCode.InvalidValue, "second 60 does not exist")]
    [InlineData("(8018){GSRN}(7250)20230229", Gs1ErrorCode.InvalidDate, "day 29 does not exist in February 2023")]
    [InlineData("(8018){GSRN}(7241)11", Gs1ErrorCode.InvalidValue, "11 is not an AIDC media type")]
    [InlineData("(8018){GSRN}(7252)3", Gs1ErrorCode.InvalidValue, "3 is not an ISO 5218 sex code")]
    [InlineData("(8018){GSRN}(7259)BABY(7258)2/1", Gs1ErrorCode.InvalidValue, "the position is after the total")]
    [InlineData("(7040)1AB!", Gs1ErrorCode.InvalidValue, "'!' is not an importer index")]
    [InlineData("(00){SSCC}(4330)001234+", Gs1ErrorCode.InvalidValue, "only '-' is allowed here")]
    [InlineData("(00){SSCC}(4309)18000000013600000000", Gs1ErrorCode.InvalidValue, "1800000001 is not a latitude")]
    [InlineData("(415){GLN}(8020)INV1(8007)GB82WEST12345698765431", Gs1ErrorCode.InvalidValue, "the IBAN check digits are wrong")]
    [InlineData("(8010)9506000134ABC(8011)010", Gs1ErrorCode.InvalidValue, "it must not start with 0")]
    [InlineData("(8010)9506000134abc(8011)10", Gs1ErrorCode.InvalidCharacter, "'a' at position 11 is not allowed in CPID (8010): allowed are capital letters")]
    [InlineData("(01)09506000134352(21)A(8030)A=bC", Gs1ErrorCode.InvalidCharacter, "'=' at position 2 is not allowed in Digital signature (8030)")]
    [InlineData("(01)09506000134352(8003)19506000134352", Gs1ErrorCode.InvalidValue, "it must be zero")]
    public void Invalid_values_fail_with_a_reason(string input, Gs1ErrorCode code, string fragment)
    {
        var result = Parse(input);
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
        Assert.Contains(fragment, result.Error.Message, StringComparison.Ordinal);
    }
}
