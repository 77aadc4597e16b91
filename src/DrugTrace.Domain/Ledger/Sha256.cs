using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace DrugTrace.Domain.Ledger;

/// <summary>
/// SHA-256 for the many small inputs of the ledger (event bodies, Merkle leaves and nodes).
/// <para>
/// .NET's <see cref="SHA256"/> and <see cref="IncrementalHash"/> go through OpenSSL's EVP layer, whose per-call
/// set-up (about 0.7 µs measured here) costs several times the hashing of a 33- or 65-byte input. Where the
/// process can load OpenSSL 3's libcrypto, the same library's digest functions are called without that layer
/// (<c>SHA256_Init/Update/Final</c>, OpenSSL's own code, hardware SHA instructions included); anywhere else,
/// or if those functions do not give the known answers at start, it is .NET's own API. No hashing is written here.
/// </para>
/// </summary>
public static unsafe class Sha256
{
    public const int Size = 32;

    // OpenSSL's SHA256_CTX is 112 bytes (8 + 2 + 16 words and two ints); twice that leaves room for any layout change.
    private const int ContextSize = 256;

    // Inputs up to this size hash in well under a microsecond: their calls skip the GC transition of a native call,
    // which costs as much as the hashing of a Merkle node. Longer inputs take the ordinary calls.
    private const int ShortInput = 4_096;

    private static readonly delegate* unmanaged<void*, int> Init;
    private static readonly delegate* unmanaged<void*, void*, nuint, int> Update;
    private static readonly delegate* unmanaged<byte*, void*, int> Final;
    private static readonly delegate* unmanaged[SuppressGCTransition]<void*, int> ShortInit;
    private static readonly delegate* unmanaged[SuppressGCTransition]<void*, void*, nuint, int> ShortUpdate;
    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, void*, int> ShortFinal;

    [ThreadStatic] private static IncrementalHash? _fallback;

    static Sha256()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libcrypto.so.3", out var library)) return;
        if (!NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
            || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
            || !NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            return;
        Init = (delegate* unmanaged<void*, int>)init;
        Update = (delegate* unmanaged<void*, void*, nuint, int>)update;
        Final = (delegate* unmanaged<byte*, void*, int>)final;
        ShortInit = (delegate* unmanaged[SuppressGCTransition]<void*, int>)init;
        ShortUpdate = (delegate* unmanaged[SuppressGCTransition]<void*, void*, nuint, int>)update;
        ShortFinal = (delegate* unmanaged[SuppressGCTransition]<byte*, void*, int>)final;
        if (!GivesKnownAnswers()) Init = null;
    }

    /// <summary>True when the digests come from libcrypto's functions directly, false when from .NET's API.</summary>
    public static bool IsDirect => Init != null;

    /// <summary>Writes SHA-256(<paramref name="input"/>) to the first 32 bytes of <paramref name="digest"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> input, Span<byte> digest)
    {
        if (digest.Length < Size) throw new ArgumentException($"The digest needs {Size} bytes; {digest.Length} were given.", nameof(digest));
        if (Init != null && Direct(input, digest)) return;
        ThroughDotNet(input, digest);
    }

    public static Hash256 Hash(ReadOnlySpan<byte> input)
    {
        Span<byte> digest = stackalloc byte[Size];
        Hash(input, digest);
        return Hash256.FromBytes(digest);
    }

    /// <summary>.NET's own SHA-256, as used where libcrypto cannot be called directly (tests compare the two).</summary>
    internal static void ThroughDotNet(ReadOnlySpan<byte> input, Span<byte> digest)
    {
        var sha = _fallback ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(input);
        sha.GetHashAndReset(digest);
    }

    private static bool Direct(ReadOnlySpan<byte> input, Span<byte> digest)
    {
        byte* context = stackalloc byte[ContextSize];
        fixed (byte* data = input)
        fixed (byte* output = digest)
        {
            // Each function returns 1 on success; anything else and .NET's API answers instead.
            return input.Length <= ShortInput
                ? ShortInit(context) == 1 && ShortUpdate(context, data, (nuint)input.Length) == 1 && ShortFinal(output, context) == 1
                : Init(context) == 1 && Update(context, data, (nuint)input.Length) == 1 && Final(output, context) == 1;
        }
    }

    private static bool GivesKnownAnswers()
    {
        // Lengths around the 55/56/64-byte padding edges and beyond one block, each checked against .NET's answer.
        Span<byte> direct = stackalloc byte[Size];
        Span<byte> expected = stackalloc byte[Size];
        var input = new byte[5_000];
        for (var i = 0; i < input.Length; i++) input[i] = (byte)(i * 31 + 7);
        foreach (var length in (ReadOnlySpan<int>)[0, 1, 33, 55, 56, 63, 64, 65, 119, 400, 1_000, 5_000])
        {
            if (!Direct(input.AsSpan(0, length), direct)) return false;
            ThroughDotNet(input.AsSpan(0, length), expected);
            if (!direct.SequenceEqual(expected)) return false;
        }
        return true;
    }
}
