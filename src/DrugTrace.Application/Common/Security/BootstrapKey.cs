using System.Security.Cryptography;
using System.Text;

namespace DrugTrace.Application.Common.Security;

/// <summary>
/// The one-time key that bootstraps the first regulator of an empty production store. Only its
/// SHA-256 is kept; once a regulator exists the key opens nothing any more.
/// </summary>
public sealed class BootstrapKey
{
    /// <summary>Shorter keys could be guessed; the host refuses to start with one.</summary>
    public const int MinLength = 32;

    private readonly byte[]? _hash;

    public BootstrapKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return;
        if (key.Trim().Length < MinLength)
            throw new InvalidOperationException($"Bootstrap:RegulatorKey must be at least {MinLength} characters (use e.g. `openssl rand -hex 32`).");
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim()));
    }

    public bool IsConfigured => _hash is not null;

    /// <summary>Compares in constant time, so that the key cannot be found character by character.</summary>
    public bool Matches(string? presented) =>
        _hash is not null && !string.IsNullOrEmpty(presented)
        && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())));
}
