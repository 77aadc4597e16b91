namespace DrugTrace.Web.Epcis;

/// <summary>The answer to a capture: the job to follow (also in the Location header).</summary>
public sealed record CaptureAccepted(string CaptureID);
