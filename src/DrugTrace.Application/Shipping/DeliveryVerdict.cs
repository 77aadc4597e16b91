namespace DrugTrace.Application.Shipping;

/// <summary>One code's answer in a delivery: a scan's verdict, or why the code was not scanned at all.</summary>
public enum DeliveryVerdict
{
    Ok,
    Alert,
    Refused,
    /// <summary>The code could not be read.</summary>
    Unreadable,
    /// <summary>The pack was scanned before in the same delivery and received once.</summary>
    Duplicate,
}
