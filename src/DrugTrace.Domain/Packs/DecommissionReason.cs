namespace DrugTrace.Domain.Packs;

/// <summary>Why a pack leaves the supply chain other than by dispensing (EU FMD terms).</summary>
public enum DecommissionReason
{
    Destroyed,
    Stolen,
    Sample,
    FreeSample,
    Exported,
    Locked,
}
