using System.Security.Cryptography;
using System.Text;

namespace TrunkExporter.GitHub.Policy;

/// <summary>Tells credentials apart without keeping them: a short hash of the Authorization header.</summary>
internal static class CredentialKey
{
    public static string Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.NonValidated.TryGetValues("Authorization", out var values) ? string.Join(",", values) : string.Empty;
        return authorization.Length == 0 ? string.Empty : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)))[..16];
    }
}
