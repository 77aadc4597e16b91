namespace DrugTrace.Domain.Parties;

public enum PartyRole
{
    Manufacturer,
    Wholesaler,
    Pharmacy,
    Regulator,
}
