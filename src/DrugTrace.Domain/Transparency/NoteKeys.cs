using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DrugTrace.Domain.Transparency;

/// <summary>C2SP signed-note key material: key ids and the verifier-key text form.</summary>
public static class NoteKeys
{
    /// <summary>Ed25519 note signatures.</summary>
    public const byte Ed25519 = 0x01;

    /// <summary>Timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature).</summary>
    public const byte CosignatureV1 = 0x04;

    /// <summary>SHA-256(name || 0x0A || type || public key)[:4], big-endian.</summary>
    public static uint KeyId(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = type;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>Key names are non-empty and hold no Unicode space and no plus.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c));

    /// <summary><c>name+hexid+base64(type || key)</c>.</summary>
    public static string VerifierKey(string name, byte type, ReadOnlySpan<byte> publicKey) =>
        $"{name}+{KeyId(name, type, publicKey):x8}+{Convert.ToBase64String([type, .. publicKey])}";
}
