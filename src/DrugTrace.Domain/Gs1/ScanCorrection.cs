namespace DrugTrace.Domain.Gs1;

/// <summary>A known way in which a keyboard-wedge scanner garbles a code.</summary>
public enum ScanCorrection
{
    /// <summary>Caps Lock was on: every letter arrived in the other case.</summary>
    CapsLock,
    /// <summary>The GS after a variable-length element was dropped, so two elements ran together.</summary>
    LostSeparator,
    /// <summary>The GS arrived as some other character.</summary>
    ReplacedSeparator,
    /// <summary>The scanner typed US keys into a German (QWERTZ) layout: Y and Z swapped.</summary>
    QwertzLayout,
    /// <summary>The scanner typed US keys into a French (AZERTY) layout: digits, A/Q and Z/W garbled.</summary>
    AzertyLayout,
}
