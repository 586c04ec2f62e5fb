using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TrunkExporter.FakeGitHub;

/// <summary>
/// A GitHub App the fake knows: it verifies the App's JWTs (RS256 with <see cref="PublicKeyPem"/>, and
/// iss, iat, exp as GitHub checks them) and issues installation tokens that expire after <see cref="TokenLifetime"/>.
/// With an App configured, the list endpoints accept only an unexpired token it issued.
/// </summary>
internal sealed record FakeGitHubApp(long Id, string PublicKeyPem, long InstallationId)
{
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>GitHub refuses a JWT that lives longer than this.</summary>
    public static readonly TimeSpan LongestJwt = TimeSpan.FromMinutes(10);

    /// <summary>Why GitHub would refuse this JWT now, in GitHub's words; null when it is good.</summary>
    public string? Problem(string jwt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return "A JSON web token could not be decoded";
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.GetProperty("alg").GetString() != "RS256")
            {
                return "A JSON web token could not be decoded";
            }

            using var key = RSA.Create();
            key.ImportFromPem(PublicKeyPem);
            if (!key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return "A JSON web token could not be decoded";
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            var issuer = claims.GetProperty("iss");
            var iss = issuer.ValueKind == JsonValueKind.Number ? issuer.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : issuer.GetString();
            if (iss != Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return $"'Issuer' claim ('iss') must be an Integer";
            }

            var iat = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("iat").GetInt64());
            var exp = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
            if (iat > now + TimeSpan.FromSeconds(60))
            {
                return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
            }

            if (exp <= now)
            {
                return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
            }

            return exp - iat > LongestJwt ? "'Expiration time' claim ('exp') is too far in the future" : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or CryptographicException or ArgumentException)
        {
            return "A JSON web token could not be decoded";
        }
    }
}
