using System.Security.Cryptography;
using System.Text;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;

namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// Which rate-limit budget a request spends, without keeping the credential: the identity the
/// sign-in handler recorded (the App installation, which outlives its hourly tokens, or the token's
/// hash), else a short hash of the Authorization header. Null for the App's own JWT requests
/// (/app/..., a repository's installation): they have limits of their own that the exporter does not budget.
/// </summary>
internal static class CredentialKey
{
    public static string? Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(GitHubSignIn.Identity, out var identity))
        {
            return identity;
        }

        if (GitHubEndpointNames.Of(request.RequestUri) == GitHubEndpoint.App)
        {
            return null;
        }

        var authorization = request.Headers.NonValidated.TryGetValues("Authorization", out var values) ? string.Join(",", values) : string.Empty;
        return authorization.Length == 0 ? string.Empty : Hash(authorization);
    }

    /// <summary>A personal token's fixed identity.</summary>
    public static string OfToken(string token) => "token " + Hash(token);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
