using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DrugTrace.Application.Common.Idempotency;

/// <summary>
/// What "the same request" means for a key: the use case and every field of its request, as JSON,
/// hashed (SHA-256, hex). Two bodies that ask for the same thing (an "undo" for an "undo-dispense")
/// are the same request; any other field value or use case is another one.
/// </summary>
internal static class RequestFingerprint
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of(object request)
    {
        var type = request.GetType();
        var text = type.FullName + "\n" + JsonSerializer.Serialize(request, type, Json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
