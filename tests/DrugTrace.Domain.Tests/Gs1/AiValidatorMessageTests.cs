using DrugTrace.Domain.Gs1;

using static DrugTrace.Domain.Tests.Gs1.ParseAssert;

namespace DrugTrace.Domain.Tests.Gs1;

public sealed class AiValidatorMessageTests
{
    private const string Serial82 = "allowed are letters A-Z a-z, digits and ! \" % & ' ( ) * + , - . / : ; < = > ? _";
    private const string Base64Url = "allowed are letters A-Z a-z, digits, - and _ (base64url)";

    [Theory]
    [InlineData("A\u001dB", "A separator (GS)")]
    [InlineData("A\u007fB", "Character U+007F")]
    [InlineData("A\u001fB", "Character U+001F")]
    [InlineData("A\u00e9B", "Character U+00E9")]
    [InlineData("A~B", "'~'")]
    [InlineData("A#B", "'#'")]
    public void A_character_a_serial_may_not_hold_is_described_so_a_person_can_see_it(string serial, string described)
    {
        var error = Fails($"(01)09506000134352(21){serial}");
        Assert.Equal((Gs1ErrorCode.InvalidCharacter, "21"), (error.Code, error.Ai));
        Assert.Equal($"{described} at position 2 is not allowed in a GS1 serial (21): {Serial82}.", error.Message);
    }

    [Fact]
    public void A_CPID_takes_capital_letters_digits_and_three_signs_only()
    {
        Assert.Equal("'a' at position 8 is not allowed in CPID (8010): allowed are capital letters A-Z, digits and # - /.",
            Fails("(8010)4012345a").Message);
        Assert.Equal("'*' at position 8 is not allowed in CPID (8010): allowed are capital letters A-Z, digits and # - /.",
            Fails("(8010)4012345*").Message);
        Assert.Equal("4012345#-/AZ09", Reads("(8010)4012345#-/AZ09(8011)1")["8010"]);
    }

    [Theory]
    [InlineData("ab=c", "'='", 3)]
    [InlineData("a~", "'~'", 2)]
    [InlineData("a+b", "'+'", 2)]
    [InlineData("=a", "'='", 1)]
    public void A_digital_signature_is_base64url_with_padding_at_the_end_only(string signature, string described, int position) =>
        Assert.Equal($"{described} at position {position} is not allowed in Digital signature (8030): {Base64Url}.",
            Fails($"(01)09506000134352(21)A(8030){signature}").Message);

    [Theory]
    [InlineData("ab==")]
    [InlineData("Az09-_")]
    [InlineData("a=")]
    public void A_padded_or_plain_base64url_signature_is_read(string signature) =>
        Assert.Equal(signature, Reads($"(01)09506000134352(21)A(8030){signature}")["8030"]);

    [Fact]
    public void A_digital_signature_names_every_key_it_may_go_with()
    {
        var error = Fails("(01)09506000134352(8030)AbC");
        Assert.Equal((Gs1ErrorCode.MissingRequiredAi, "8030"), (error.Code, error.Ai));
        Assert.Equal("Digital signature (8030) needs SSCC (00), GTIN (01) with Serial (21), GDTI (253), GCN (255), GRAI (8003), GIAI (8004), "
            + "ITIP (8006) with Serial (21), CPID (8010) with CPID SERIAL (8011), GSRN - PROVIDER (8017) or GSRN - RECIPIENT (8018) in the same code.",
            error.Message);
    }

    [Theory]
    [InlineData("A", 1)]
    [InlineData("AB", 2)]
    public void A_value_shorter_than_its_minimum_says_how_many_are_needed(string value, int length) =>
        Assert.Equal($"CERT # 1 (7230) {value} is {length} characters; at least 3 are needed.", Fails($"(01)09506000134352(7230){value}").Message);

    [Fact]
    public void A_fixed_length_value_of_another_length_says_what_it_must_be()
    {
        Assert.Equal("UIC+EXT (7040) 1AB is 3 characters; it must be exactly 4.", Fails("(7040)1AB").Message);
        Assert.Equal("GTIN (01) 0950600013435200000000000000000000000000 is 40 digits; it must be exactly 14.",
            Fails("(01)0950600013435200000000000000000000000000").Message);
        Assert.Equal("GTIN (01) 0950600013435200000000000000000000000... is 41 digits; it must be exactly 14.",
            Fails("(01)09506000134352000000000000000000000000000").Message);
    }

    [Fact]
    public void An_optional_part_must_be_whole_or_absent()
    {
        Assert.Equal("260101", Reads("(01)09506000134352(7007)260101")["7007"]);
        Assert.Equal("260101260131", Reads("(01)09506000134352(7007)260101260131")["7007"]);
        var error = Fails("(01)09506000134352(7007)260101260");
        Assert.Equal((Gs1ErrorCode.InvalidLength, "7007"), (error.Code, error.Ai));
        Assert.Equal("HARVEST DATE (7007) 260101260: the part from position 7 is 3 characters; it must be 6.", error.Message);
        Assert.Equal("2601011230", Reads("(01)09506000134352(7011)2601011230")["7011"]);
    }

    [Fact]
    public void The_same_AI_twice_with_the_same_value_is_kept_once() =>
        Assert.Equal(["01", "21"], Reads("(01)09506000134352(21)A(21)A").Elements.Select(e => e.Ai));

    [Fact]
    public void A_price_without_a_measure_names_the_measure_AIs_by_their_pattern()
    {
        var error = Fails("(01)09506000134352(3922)1234");
        Assert.Equal((Gs1ErrorCode.MissingRequiredAi, "3922"), (error.Code, error.Ai));
        Assert.Equal("PRICE (3922) needs VAR. COUNT (30), AI 31nn, AI 32nn, AI 35nn or AI 36nn in the same code.", error.Message);
    }
}
