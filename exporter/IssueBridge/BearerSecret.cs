using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TrunkExporter.IssueBridge;

/// <summary>
/// The secret Alertmanager must send as <c>Authorization: Bearer …</c>: <c>ISSUE_BRIDGE_TOKEN</c>, else the
/// file named by <see cref="IssueBridgeOptions.BearerTokenFile"/> (read at start; a rotated file needs a
/// restart). Compared in constant time; never logged.
/// </summary>
internal sealed class BearerSecret
{
    public const string EnvironmentVariable = "ISSUE_BRIDGE_TOKEN";

    private const int MaxFileBytes = 64 * 1024;

    private readonly byte[] _hash;

    public BearerSecret(IOptions<IssueBridgeOptions> options)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    public BearerSecret(IOptions<IssueBridgeOptions> options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var secret = environment(EnvironmentVariable)?.Trim();
        if (string.IsNullOrEmpty(secret) && options.Value.BearerTokenFile is { } file)
        {
            var info = new FileInfo(file);
            if (!info.Exists || info.Length > MaxFileBytes)
            {
                throw new InvalidOperationException($"{IssueBridgeOptions.SectionName}:BearerTokenFile '{file}' is missing or larger than {MaxFileBytes} bytes");
            }

            secret = File.ReadAllText(file).Trim();
        }

        if (string.IsNullOrEmpty(secret) || secret.Length < 16)
        {
            throw new InvalidOperationException(
                $"no bearer secret of at least 16 characters: set {EnvironmentVariable} or {IssueBridgeOptions.SectionName}:BearerTokenFile (the same secret Alertmanager's http_config.authorization.credentials_file holds)");
        }

        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>Whether the Authorization header carries the secret; hashing first makes the comparison independent of the lengths too.</summary>
    public bool Accepts(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[7..].Trim()));
        return CryptographicOperations.FixedTimeEquals(offered, _hash);
    }
}
