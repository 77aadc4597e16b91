using DrugTrace.Application.Epcis;

namespace DrugTrace.Web.Epcis;

/// <summary>A capture job as GET /epcis/capture/{id} answers it.</summary>
public sealed record CaptureJobView(string CaptureID, bool Running, bool Success, string CaptureErrorBehaviour, int Events, int Applied,
    IReadOnlyList<CaptureRefusal> Errors);
