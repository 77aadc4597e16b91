using DrugTrace.Domain.Epcis;

namespace DrugTrace.Domain.Tests.Epcis;

public class CbvTests
{
    [Theory]
    [InlineData("shipping", "https://ref.gs1.org/cbv/BizStep-shipping")]
    [InlineData("  shipping ", "https://ref.gs1.org/cbv/BizStep-shipping")]
    [InlineData("urn:epcglobal:cbv:bizstep:shipping", "https://ref.gs1.org/cbv/BizStep-shipping")]
    [InlineData("cbv:BizStep-shipping", "https://ref.gs1.org/cbv/BizStep-shipping")]
    [InlineData("https://ref.gs1.org/cbv/BizStep-shipping", "https://ref.gs1.org/cbv/BizStep-shipping")]
    [InlineData("https://example.org/steps/packing", "https://example.org/steps/packing")]
    [InlineData("urn:example:step:x", "urn:example:step:x")]
    public void A_biz_step_in_any_accepted_form_becomes_its_web_uri(string value, string uri)
    {
        Assert.Equal(uri, Cbv.BizStep.ToWebUri(value));
    }

    [Theory]
    [InlineData("Disposition", "in_transit", "https://ref.gs1.org/cbv/Disp-in_transit")]
    [InlineData("Disposition", "urn:epcglobal:cbv:disp:in_transit", "https://ref.gs1.org/cbv/Disp-in_transit")]
    [InlineData("BizTransactionType", "urn:epcglobal:cbv:btt:po", "https://ref.gs1.org/cbv/BTT-po")]
    [InlineData("SourceDestType", "urn:epcglobal:cbv:sdt:owning_party", "https://ref.gs1.org/cbv/SDT-owning_party")]
    [InlineData("ErrorReason", "urn:epcglobal:cbv:er:incorrect_data", "https://ref.gs1.org/cbv/ER-incorrect_data")]
    [InlineData("ErrorReason", "did_not_occur", "https://ref.gs1.org/cbv/ER-did_not_occur")]
    public void Each_vocabulary_has_its_own_term_and_urn_prefix(string vocabulary, string value, string uri)
    {
        Assert.Equal(uri, Vocabulary(vocabulary).ToWebUri(value));
    }

    [Theory]
    [InlineData("shipping", "shipping")]
    [InlineData("urn:epcglobal:cbv:bizstep:receiving", "receiving")]
    [InlineData("cbv:BizStep-packing", "packing")]
    [InlineData("https://ref.gs1.org/cbv/BizStep-dispensing", "dispensing")]
    [InlineData("https://gs1.org/voc/Bizstep-shipping", "shipping")]
    [InlineData("https://gs1.org/voc/BizStep-shipping", "shipping")]
    [InlineData("https://ns.gs1.org/voc/Bizstep-receiving", "receiving")]
    public void The_short_name_of_a_cbv_biz_step_in_any_spelling(string value, string name)
    {
        Assert.Equal(name, Cbv.BizStep.ShortName(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://example.org/steps/packing")]
    [InlineData("https://ref.gs1.org/cbv/Disp-active")]
    [InlineData("https://gs1.org/voc/")]
    [InlineData("https://gs1.org/voc/Disp-active")]
    [InlineData("https://drugtrace.example/voc/BizStep-unlocking")]
    [InlineData("https://example.com/BizStep-shipping")] // as long a base as https://gs1.org/voc/, but not it
    public void A_value_that_is_no_cbv_biz_step_has_no_short_name(string? value)
    {
        Assert.Null(Cbv.BizStep.ShortName(value));
    }

    [Fact]
    public void DrugTrace_own_values_are_named_under_its_vocabulary()
    {
        Assert.Equal("https://drugtrace.example/voc/BizStep-unlocking", Cbv.BizStep.DrugTrace("unlocking"));
        Assert.Equal("https://drugtrace.example/voc/Disp-quarantined", Cbv.Disposition.DrugTrace("quarantined"));
        Assert.Equal("unlocking", Cbv.BizStep.DrugTraceName("https://drugtrace.example/voc/BizStep-unlocking"));
        Assert.Equal("unlocking", Cbv.BizStep.DrugTraceName(" https://drugtrace.example/voc/BizStep-unlocking "));
        Assert.Null(Cbv.BizStep.DrugTraceName("https://drugtrace.example/voc/Disp-unlocking"));
        Assert.Null(Cbv.BizStep.DrugTraceName("https://ref.gs1.org/cbv/BizStep-shipping"));
        Assert.Null(Cbv.BizStep.DrugTraceName(null));
        Assert.Equal("BizStep-", Cbv.BizStep.TermPrefix);
    }

    private static Cbv.Vocabulary Vocabulary(string name) => name switch
    {
        "Disposition" => Cbv.Disposition,
        "BizTransactionType" => Cbv.BizTransactionType,
        "SourceDestType" => Cbv.SourceDestType,
        "ErrorReason" => Cbv.ErrorReason,
        _ => Cbv.BizStep,
    };
}
