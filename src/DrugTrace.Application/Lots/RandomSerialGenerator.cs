using System.Security.Cryptography;

namespace DrugTrace.Application.Lots;

/// <summary>
/// 12 characters from 32 unambiguous letters and digits (no 0/O, 1/I), all from a
/// cryptographic generator. The first <see cref="PrefixLength"/> are drawn once per lot and
/// shared by its packs, the other 9 (45 bits) per pack: a counterfeiter who knows a lot still
/// guesses a valid serial with odds of about 1,000 in 35 trillion (EU FMD asks for less than
/// 1 in 10,000). The shared prefix keeps a lot's serials next to each other in the store's
/// serial index, so commissioning a lot writes a few index pages instead of one per pack.
/// </summary>
public sealed class RandomSerialGenerator : ISerialGenerator
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 12;
    public const int PrefixLength = 3;

    // Random bytes drawn for this many serials at a time: one generator call per pack cost more than the rest
    // of commissioning's serial and hash work together.
    private const int SerialsPerDraw = 256;

    /// <summary>A source for one lot, to be called from one thread at a time (it draws into a buffer of its own).</summary>
    public Func<string> ForLot()
    {
        var prefix = RandomNumberGenerator.GetItems<char>(Alphabet, PrefixLength);
        var random = new byte[(Length - PrefixLength) * SerialsPerDraw];
        var used = random.Length;
        return () =>
        {
            if (used == random.Length)
            {
                RandomNumberGenerator.Fill(random);
                used = 0;
            }
            Span<char> serial = stackalloc char[Length];
            prefix.CopyTo(serial);
            // 32 letters: the low 5 bits of a uniform byte pick one uniformly (as GetItems does for a power of two).
            for (var i = PrefixLength; i < Length; i++) serial[i] = Alphabet[random[used++] & (Alphabet.Length - 1)];
            return new string(serial);
        };
    }
}
