using MudBlazor;

namespace DrugTrace.Web.Components.Shared;

/// <summary>The one theme of the UI: calm blue for the trade, with strong status colours for verdicts.</summary>
public static class DrugTraceTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1b5e8a",
            Secondary = "#00897b",
            AppbarBackground = "#1b5e8a",
            Success = "#2e7d32",
            Warning = "#ef8f00",
            Error = "#c62828",
            Background = "#f5f7fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#4db6ac",
            AppbarBackground = "#102a3d",
            Success = "#66bb6a",
            Warning = "#ffa726",
            Error = "#ef5350",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
