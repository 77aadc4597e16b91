namespace DrugTrace.Web.Labels;

/// <summary>Which code a label carries.</summary>
public enum LabelCode
{
    /// <summary>GS1 DataMatrix with the element string (FNC1 first, so scanners report <c>]d2</c>): the pack code of EU FMD and DSCSA.</summary>
    DataMatrix,

    /// <summary>QR code with the pack's GS1 Digital Link URI, for patients' phones.</summary>
    DigitalLinkQr,

    /// <summary>DataMatrix with the pack's GS1 Digital Link URI (<c>]d1</c>).</summary>
    DigitalLinkDataMatrix,
}
