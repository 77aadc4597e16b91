using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// An Ed25519 note signer (type 0x01): signs note texts, so that <see cref="SignedNote"/> lines
/// can be appended. Its key text is the Go sumdb form <c>PRIVATE+KEY+name+hexid+base64(0x01 || seed)</c>.
/// </summary>
public sealed class NoteSigner
{
    private readonly Ed25519PrivateKeyParameters _key;

    public NoteSigner(string name, byte[] seed)
    {
        if (!NoteKeys.IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid key name: no spaces, no plus.", nameof(name));
        if (seed.Length != 32) throw new ArgumentException("An Ed25519 private key seed is 32 bytes.", nameof(seed));
        Name = name;
        _key = new Ed25519PrivateKeyParameters(seed);
        PublicKey = _key.GeneratePublicKey().GetEncoded();
        KeyId = NoteKeys.KeyId(name, NoteKeys.Ed25519, PublicKey);
    }

    public string Name { get; }
    public byte[] PublicKey { get; }
    public uint KeyId { get; }

    public NoteVerifier Verifier => NoteVerifier.FromPublicKey(Name, NoteKeys.Ed25519, PublicKey);

    public static NoteSigner Generate(string name) => new(name, RandomNumberGenerator.GetBytes(32));

    public string PrivateKeyText => $"PRIVATE+KEY+{Name}+{KeyId:x8}+{Convert.ToBase64String([NoteKeys.Ed25519, .. _key.GetEncoded()])}";

    public static NoteSigner ParsePrivateKey(string text)
    {
        var parts = text.Trim().Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
            throw new FormatException("A signing key is PRIVATE+KEY+name+keyid+key.");
        var raw = Convert.FromBase64String(parts[4]);
        if (raw.Length != 33 || raw[0] != NoteKeys.Ed25519) throw new FormatException("The signing key is not an Ed25519 key.");
        var signer = new NoteSigner(parts[2], raw[1..]);
        if (!string.Equals($"{signer.KeyId:x8}", parts[3], StringComparison.OrdinalIgnoreCase))
            throw new FormatException("The signing key's id does not match its key.");
        return signer;
    }

    /// <summary>The note signature line (with its trailing newline) over <paramref name="text"/>.</summary>
    public string SignatureLine(string text)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        var message = Encoding.UTF8.GetBytes(text);
        signer.BlockUpdate(message, 0, message.Length);
        var signature = signer.GenerateSignature();
        var blob = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
        signature.CopyTo(blob, 4);
        return $"— {Name} {Convert.ToBase64String(blob)}\n";
    }
}
