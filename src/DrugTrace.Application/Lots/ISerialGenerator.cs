namespace DrugTrace.Application.Lots;

/// <summary>Makes serial numbers for commissioning.</summary>
public interface ISerialGenerator
{
    string Next();
}
