namespace DrugTrace.Domain.Epcis;

/// <summary>
/// The values of a pack's event as <see cref="PackEpcisEvents"/> writes it, for <see cref="EventHashId.ComputeWritten"/>:
/// the pack's EPC (the child, with the case's SSCC as <see cref="Parent"/>, of an AggregationEvent), the acting party's
/// location, sender and recipient (party and location Digital Links) of a handoff, lot and expiry of a commissioning.
/// </summary>
internal readonly record struct WrittenEvent(
    string Type, DateTimeOffset EventTime, string Epc, string? Parent, string Action, string BizStep, string Disposition, string Location,
    (string Party, string Location)? From, (string Party, string Location)? To, string? Lot, string? Expiry);
