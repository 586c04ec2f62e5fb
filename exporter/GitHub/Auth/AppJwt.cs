using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrunkExporter.GitHub.Auth;

/// <summary>The JSON Web Token a GitHub App signs (RS256) to ask for installation tokens.</summary>
internal static class AppJwt
{
    /// <summary>GitHub refuses a JWT that lives longer than ten minutes; nine leaves room for clock drift.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    /// <summary>Issued a minute in the past, as GitHub advises, in case GitHub's clock is behind.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);

    public static string Create(long appId, RSA key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = Base64Url.EncodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"iat\":{(now - Backdate).ToUnixTimeSeconds()},\"exp\":{(now + Lifetime).ToUnixTimeSeconds()},\"iss\":\"{appId}\"}}")));
        var signed = $"{header}.{payload}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }
}
