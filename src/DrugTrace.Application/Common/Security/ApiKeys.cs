using System.Security.Cryptography;
using System.Text;

namespace DrugTrace.Application.Common.Security;

/// <summary>
/// API keys are random 256-bit secrets, so a single SHA-256 is enough to store them safely
/// (no dictionary to attack) and cheap enough to check on every request.
/// </summary>
public static class ApiKeys
{
    public static string Hash(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public static string Generate() => "dt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A key's public id, to list and revoke it by; says nothing about the key itself.</summary>
    public static string NewId() => "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
