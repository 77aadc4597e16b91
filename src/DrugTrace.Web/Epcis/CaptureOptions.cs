namespace DrugTrace.Web.Epcis;

/// <summary>Limits of one capture request, advertised by OPTIONS /epcis/capture.</summary>
public sealed class CaptureOptions
{
    public const string Section = "Epcis";

    /// <summary>Most events in one document (GS1-EPCIS-Capture-Limit).</summary>
    public int CaptureLimit { get; set; } = 10_000;

    /// <summary>Largest document in bytes (GS1-EPCIS-Capture-File-Size-Limit).</summary>
    public long CaptureFileSizeLimit { get; set; } = 16 * 1024 * 1024;
}
