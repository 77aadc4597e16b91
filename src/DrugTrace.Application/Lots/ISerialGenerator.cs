namespace DrugTrace.Application.Lots;

/// <summary>Makes serial numbers for commissioning.</summary>
public interface ISerialGenerator
{
    /// <summary>A source of serials for one lot; call it once per pack.</summary>
    Func<string> ForLot();
}
