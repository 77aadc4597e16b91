namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>The demo parties of seed-data/parties.json.</summary>
public static class Demo
{
    public const string ManufacturerKey = "demo-manufacturer-helvetia";
    public const string ManufacturerGln = "4012345000016";
    public const string OtherManufacturerKey = "demo-manufacturer-nordic";
    public const string WholesalerKey = "demo-wholesaler-atlas";
    public const string WholesalerGln = "4012346000015";
    public const string OtherWholesalerKey = "demo-wholesaler-medline";
    public const string PharmacyKey = "demo-pharmacy-linden";
    public const string PharmacyGln = "4012347000014";
    public const string OtherPharmacyKey = "demo-pharmacy-harbour";
    public const string OtherPharmacyGln = "5012347000013";
    public const string RegulatorKey = "demo-regulator-nmva";
}
