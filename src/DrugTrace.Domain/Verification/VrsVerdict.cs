using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Verification;

/// <summary>
/// The answer of a verification responder (GS1 Lightweight Messaging Standard for Verification
/// of Product Identifiers 1.1, GS1 US implementation guideline 1.3) about one product identifier:
/// whether it matches a commissioned pack, and if not why; <see cref="AdditionalInfo"/> warns
/// about a pack whose identifiers match but that must not be sold.
/// </summary>
public sealed record VrsVerdict(bool Verified, string? FailureReason, string? AdditionalInfo)
{
    // Failure reasons and additional information exactly as the guideline spells them.
    public const string NoMatchGtinSerial = "No_match_GTIN_Serial";
    public const string NoMatchGtinSerialLot = "No_match_GTIN_Serial_Lot";
    public const string NoMatchGtinSerialExpiry = "No_match_GTIN_Serial_Expiry";
    public const string NoMatchGtinSerialLotExpiry = "No_match_GTIN_Serial_Lot_Expiry";
    public const string NotForRedistribution = "Not_for_re-distribution";
    public const string NoReasonProvided = "No_reason_provided";

    public const string Recalled = "Recalled";
    public const string Expired = "Expired";
    public const string Suspect = "Suspect";
    public const string Illegitimate = "Illegitimate";

    /// <summary>
    /// Decides the answer for the identifiers asked about. <paramref name="pack"/> is null when the
    /// serial was never commissioned for the GTIN.
    /// </summary>
    public static VrsVerdict Decide(PackState? pack, LotState? lot, string askedLot, DateOnly askedExpiry, DateTimeOffset now)
    {
        if (pack is null) return new(false, NoMatchGtinSerial, null);
        var lotMatches = string.Equals(pack.Lot, askedLot, StringComparison.Ordinal);
        var expiryMatches = pack.Expiry == askedExpiry;
        if (!lotMatches || !expiryMatches)
        {
            var reason = (lotMatches, expiryMatches) switch
            {
                (false, false) => NoMatchGtinSerialLotExpiry,
                (false, true) => NoMatchGtinSerialLot,
                _ => NoMatchGtinSerialExpiry,
            };
            return new(false, reason, null);
        }

        var info = pack.Status is PackStatus.Stolen or PackStatus.Illegitimate ? Illegitimate
            : pack.Status == PackStatus.Quarantined ? Suspect
            : lot?.IsRecalled == true ? Recalled
            : PackLifecycle.IsExpired(pack, now) ? Expired
            : null;
        return pack.Status switch
        {
            // Matches, but has left the supply chain: it must not be sold again.
            PackStatus.Dispensed or PackStatus.Destroyed or PackStatus.Sample or PackStatus.FreeSample or PackStatus.Exported
                => new(false, NotForRedistribution, info),
            // Locked by its holder for reasons it has not published.
            PackStatus.Locked => new(false, NoReasonProvided, info),
            _ => new(true, null, info),
        };
    }
}
