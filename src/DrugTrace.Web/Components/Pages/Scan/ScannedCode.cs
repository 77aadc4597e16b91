namespace DrugTrace.Web.Components.Pages.Scan;

/// <summary>A code as a way in (camera, photo) delivered it, and which way that was (shown in the scanner check).</summary>
public sealed record ScannedCode(string Code, string Source);
