using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>
/// The linters called directly: the ones no AI of the shipped dictionary uses (yyyymmd0, yymmddhh, iso3166list),
/// and inputs the parser never hands them (its parts have fixed lengths and character sets checked first).
/// A newer dictionary may use any of them, so each is checked on its own.
/// </summary>
public class LintersTests
{
    private static readonly DateOnly Today = new(2026, 3, 15);

    private static string? Check(Gs1Linter linter, string s) => Linters.Check(linter, s, Today, out _);

    private static (string? Problem, Gs1ErrorCode Code) CheckWithCode(Gs1Linter linter, string s)
    {
        var problem = Linters.Check(linter, s, Today, out var code);
        return (problem, code);
    }

    [Fact]
    public void Yyyymmd0_takes_day_00_as_the_last_day_of_a_valid_month()
    {
        Assert.Null(Check(Gs1Linter.Yyyymmd0, "20270200"));
        Assert.Null(Check(Gs1Linter.Yyyymmd0, "20271231"));
        Assert.Equal((": month 13 does not exist", Gs1ErrorCode.InvalidDate), CheckWithCode(Gs1Linter.Yyyymmd0, "20271300"));
    }

    [Fact]
    public void Yyyymmdd_refuses_day_00_and_says_why_after_a_colon()
    {
        var (problem, code) = CheckWithCode(Gs1Linter.Yyyymmdd, "20270200");
        Assert.Equal(Gs1ErrorCode.InvalidDate, code);
        Assert.StartsWith(": ", problem);
        Assert.Contains("day", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Yymmddhh_is_a_date_of_8_digits_with_an_hour_from_00_to_23()
    {
        Assert.Null(Check(Gs1Linter.Yymmddhh, "27123123"));
        Assert.Null(Check(Gs1Linter.Yymmddhh, "27123100"));
        Assert.Equal(": a date and hour is 8 digits, YYMMDDHH", Check(Gs1Linter.Yymmddhh, "2712312"));
        Assert.Equal(": hour 24 does not exist", Check(Gs1Linter.Yymmddhh, "27123124"));
        var (problem, code) = CheckWithCode(Gs1Linter.Yymmddhh, "27120012");
        Assert.Equal(Gs1ErrorCode.InvalidDate, code);
        Assert.StartsWith(": ", problem);
        Assert.Equal(Gs1ErrorCode.InvalidDate, CheckWithCode(Gs1Linter.Yymmddhh, "27133112").Code);
    }

    [Fact]
    public void Times_and_their_parts_are_two_digits_in_range()
    {
        Assert.Equal(": a time is 4 digits, HHMM", Check(Gs1Linter.Hhmi, "123"));
        Assert.Equal(": minute 60 does not exist", Check(Gs1Linter.Mi, "60"));
        Assert.Equal(": hour '1' is not two digits", Check(Gs1Linter.Hh, "1"));
        Assert.Equal(": second 'ab' is not two digits", Check(Gs1Linter.Ss, "ab"));
    }

    [Theory]
    [InlineData("004")]
    [InlineData("004276")]
    [InlineData("276004826")]
    public void A_country_list_of_known_codes_passes(string s) => Assert.Null(Check(Gs1Linter.Iso3166List, s));

    [Theory]
    [InlineData("", ": a list of country codes is a multiple of 3 digits")]
    [InlineData("0040", ": a list of country codes is a multiple of 3 digits")]
    [InlineData("00427", ": a list of country codes is a multiple of 3 digits")]
    [InlineData("004999", ": 999 is not an ISO 3166 country code")]
    [InlineData("999004", ": 999 is not an ISO 3166 country code")]
    public void A_country_list_of_wrong_length_or_with_an_unknown_code_is_refused(string s, string expected) =>
        Assert.Equal(expected, Check(Gs1Linter.Iso3166List, s));

    [Fact]
    public void Has_non_digit_wants_one_character_that_is_not_a_digit()
    {
        Assert.Equal(": it must contain at least one character that is not a digit", Check(Gs1Linter.HasNonDigit, "123"));
        Assert.Null(Check(Gs1Linter.HasNonDigit, "12A"));
    }

    [Fact]
    public void Percent_encoding_checks_the_two_characters_after_the_percent()
    {
        Assert.Equal(": '%' at position 2 is not followed by two hexadecimal digits", Check(Gs1Linter.Pcenc, "A%G1"));
        Assert.Null(Check(Gs1Linter.Pcenc, "A%1F"));
    }

    [Theory]
    [InlineData(Gs1Linter.Latitude, "12345", ": 12345 is not a latitude (0000000000-1800000000)")]
    [InlineData(Gs1Linter.Latitude, "abcdefghij", ": abcdefghij is not a latitude (0000000000-1800000000)")]
    [InlineData(Gs1Linter.Longitude, "12345", ": 12345 is not a longitude (0000000000-3600000000)")]
    [InlineData(Gs1Linter.Longitude, "abcdefghij", ": abcdefghij is not a longitude (0000000000-3600000000)")]
    [InlineData(Gs1Linter.MediaType, "7", ": 7 is not an AIDC media type (01-10 or 80-99)")]
    [InlineData(Gs1Linter.PieceOfTotal, "123", ": piece and total must be two equal-length numbers")]
    [InlineData(Gs1Linter.PieceOfTotal, "1a", ": piece and total must be two equal-length numbers")]
    [InlineData(Gs1Linter.PieceOfTotal, "", ": piece and total must be two equal-length numbers")]
    [InlineData(Gs1Linter.Iban, "GB1", ": an IBAN has at least 5 characters")]
    [InlineData(Gs1Linter.Iban, "GB12", ": an IBAN has at least 5 characters")]
    internal void Values_of_the_wrong_shape_are_refused(Gs1Linter linter, string s, string expected) =>
        Assert.Equal(expected, Check(linter, s));

    [Fact]
    public void An_IBAN_of_exactly_5_characters_is_checked_further_not_refused_as_short()
    {
        var problem = Check(Gs1Linter.Iban, "GB00A");
        Assert.NotNull(problem);
        Assert.NotEqual(": an IBAN has at least 5 characters", problem);
    }

    [Fact]
    public void A_check_character_pair_alone_is_checked_as_the_pair_of_an_empty_value()
    {
        // Sum 0: the pair is Cset32[0] twice.
        Assert.Null(Check(Gs1Linter.CsumAlpha, "22"));
        Assert.Equal(" has wrong check characters (expected 22)", Check(Gs1Linter.CsumAlpha, "23"));
        Assert.Equal(" is too short to carry its two check characters", Check(Gs1Linter.CsumAlpha, "2"));
    }

    [Fact]
    public void The_first_CSET_82_character_counts_zero_but_the_pair_is_still_checked()
    {
        Assert.Null(Check(Gs1Linter.CsumAlpha, "!22"));
        Assert.Equal(" has wrong check characters (expected 22)", Check(Gs1Linter.CsumAlpha, "!AB"));
    }

    [Fact]
    public void A_value_as_long_as_the_prime_weights_allow_is_still_checked()
    {
        // 97 weights: a value of 97 characters and its pair is the longest that is checked.
        var value = new string('!', 97);
        Assert.Null(Check(Gs1Linter.CsumAlpha, value + "22"));
        Assert.Equal(" has wrong check characters (expected 22)", Check(Gs1Linter.CsumAlpha, value + "AB"));
        Assert.Null(Check(Gs1Linter.CsumAlpha, new string('!', 98) + "AB"));
    }
}
