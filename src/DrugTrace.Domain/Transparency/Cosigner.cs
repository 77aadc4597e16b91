using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace DrugTrace.Domain.Transparency;

/// <summary>A witness's cosignature/v1 key (type 0x04): timestamped Ed25519 over "cosignature/v1\ntime T\n" + checkpoint body.</summary>
public sealed class Cosigner
{
    private readonly Ed25519PrivateKeyParameters _key;

    public Cosigner(string name, byte[] seed)
    {
        if (!NoteKeys.IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid key name: no spaces, no plus.", nameof(name));
        if (seed.Length != 32) throw new ArgumentException("An Ed25519 private key seed is 32 bytes.", nameof(seed));
        Name = name;
        _key = new Ed25519PrivateKeyParameters(seed);
        PublicKey = _key.GeneratePublicKey().GetEncoded();
        KeyId = NoteKeys.KeyId(name, NoteKeys.CosignatureV1, PublicKey);
    }

    public string Name { get; }
    public byte[] PublicKey { get; }
    public uint KeyId { get; }

    public NoteVerifier Verifier => NoteVerifier.FromPublicKey(Name, NoteKeys.CosignatureV1, PublicKey);

    public static Cosigner Generate(string name) => new(name, RandomNumberGenerator.GetBytes(32));

    public string PrivateKeyText => $"PRIVATE+KEY+{Name}+{KeyId:x8}+{Convert.ToBase64String([NoteKeys.CosignatureV1, .. _key.GetEncoded()])}";

    public static Cosigner ParsePrivateKey(string text)
    {
        var parts = text.Trim().Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
            throw new FormatException("A cosigning key is PRIVATE+KEY+name+keyid+key.");
        var raw = Convert.FromBase64String(parts[4]);
        if (raw.Length != 33 || raw[0] != NoteKeys.CosignatureV1) throw new FormatException("The key is not a cosignature/v1 key.");
        return new Cosigner(parts[2], raw[1..]);
    }

    /// <summary>The signed message: two header lines, then the checkpoint's note text.</summary>
    public static byte[] Message(string checkpointText, long timestamp) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n{checkpointText}");

    /// <summary>The cosignature line over <paramref name="checkpointText"/> at <paramref name="timestamp"/> (POSIX seconds).</summary>
    public string SignatureLine(string checkpointText, long timestamp)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        var message = Message(checkpointText, timestamp);
        signer.BlockUpdate(message, 0, message.Length);
        var signature = signer.GenerateSignature();
        var blob = new byte[4 + 8 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
        BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(4), (ulong)timestamp);
        signature.CopyTo(blob, 12);
        return $"— {Name} {Convert.ToBase64String(blob)}\n";
    }
}
