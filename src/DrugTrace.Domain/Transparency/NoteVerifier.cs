using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// A trusted public key of a note signer: a log's Ed25519 key (type 0x01) or a witness's
/// cosignature key (type 0x04), parsed strictly from its verifier-key text.
/// </summary>
public sealed class NoteVerifier
{
    private NoteVerifier(string name, byte type, byte[] publicKey)
    {
        Name = name;
        Type = type;
        PublicKey = publicKey;
        KeyId = NoteKeys.KeyId(name, type, publicKey);
    }

    public string Name { get; }
    public byte Type { get; }
    public byte[] PublicKey { get; }
    public uint KeyId { get; }

    public string VerifierKey => NoteKeys.VerifierKey(Name, Type, PublicKey);

    public static NoteVerifier FromPublicKey(string name, byte type, byte[] publicKey)
    {
        if (!NoteKeys.IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid key name.", nameof(name));
        if (type is not (NoteKeys.Ed25519 or NoteKeys.CosignatureV1)) throw new ArgumentException($"Signature type 0x{type:x2} is not supported.", nameof(type));
        if (publicKey.Length != 32) throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(publicKey));
        return new NoteVerifier(name, type, publicKey);
    }

    /// <summary>Parses <c>name+hexid+base64(type || key)</c>; the id must match the key.</summary>
    public static bool TryParse(string? text, out NoteVerifier? verifier, out string? problem)
    {
        verifier = null;
        problem = null;
        var parts = (text ?? "").Trim().Split('+', 3);
        if (parts.Length != 3) return Fail("a verifier key is name+keyid+key (three parts joined by +)", out problem);
        var (name, id, key) = (parts[0], parts[1], parts[2]);
        if (!NoteKeys.IsValidName(name)) return Fail($"'{name}' is not a valid key name", out problem);
        if (id.Length != 8 || !id.All(char.IsAsciiHexDigit)
            || !uint.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
            return Fail($"the key id '{id}' is not 8 hex digits", out problem);
        if (!Base64.TryDecodeCanonical(key, out var raw)) return Fail("the key material is not canonical base64", out problem);
        if (raw.Length != 33) return Fail($"the key material is {raw.Length} bytes, not 1 type byte and a 32-byte Ed25519 key", out problem);
        if (raw[0] is not (NoteKeys.Ed25519 or NoteKeys.CosignatureV1))
            return Fail($"signature type 0x{raw[0]:x2} is not supported (0x01 Ed25519, 0x04 cosignature/v1)", out problem);
        var candidate = new NoteVerifier(name, raw[0], raw[1..]);
        if (candidate.KeyId != keyId) return Fail($"the key id {id} does not match the key ({candidate.KeyId:x8})", out problem);
        verifier = candidate;
        return true;
    }

    public static NoteVerifier Parse(string text) =>
        TryParse(text, out var v, out var problem) ? v! : throw new FormatException($"Not a verifier key: {problem}.");

    /// <summary>Checks a signature (without its 4-byte key id) over the note text.</summary>
    public bool Verify(string text, ReadOnlySpan<byte> signature, out long? timestamp)
    {
        timestamp = null;
        var message = Encoding.UTF8.GetBytes(text);
        if (Type == NoteKeys.CosignatureV1)
        {
            if (signature.Length != 8 + 64) return false;
            var t = BinaryPrimitives.ReadUInt64BigEndian(signature);
            if (t > long.MaxValue) return false;
            timestamp = (long)t;
            message = Cosigner.Message(text, (long)t);
            signature = signature[8..];
        }
        if (signature.Length != 64) return false;
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(PublicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature.ToArray());
    }

    private static bool Fail(string message, out string? problem)
    {
        problem = message;
        return false;
    }
}
