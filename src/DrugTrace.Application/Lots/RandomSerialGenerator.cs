using System.Security.Cryptography;

namespace DrugTrace.Application.Lots;

/// <summary>
/// 12 characters from 32 unambiguous letters and digits (no 0/O, 1/I): 60 bits from a
/// cryptographic generator, so a counterfeiter cannot guess a valid serial (EU FMD asks for
/// a probability below 1 in 10,000).
/// </summary>
public sealed class RandomSerialGenerator : ISerialGenerator
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 12;

    public string Next() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));
}
