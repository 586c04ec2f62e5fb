using Microsoft.Extensions.Options;
using TrunkExporter.GitHub;

namespace TrunkExporter.Webhooks;

/// <summary>
/// The shared secret GitHub signs deliveries with: <c>GITHUB_WEBHOOK_SECRET</c>, else the file named by
/// <c>TrunkExporter:GitHub:WebhookSecretFile</c>. Read once at start: the endpoint exists only with a secret,
/// and a file that cannot be used stops the start with one line. The secret never appears in a message.
/// </summary>
internal static class WebhookSecret
{
    public const string EnvironmentVariable = "GITHUB_WEBHOOK_SECRET";

    private const string Key = GitHubOptions.SectionName + ":WebhookSecretFile";

    /// <summary>Far above any secret GitHub accepts.</summary>
    private const int MaxFileBytes = 64 * 1024;

    /// <summary>The secret, or null when none is configured (the endpoint is then absent).</summary>
    public static string? Resolve(string? file, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        if (file is null)
        {
            return null;
        }

        if (Files.RegularFile.Kind(file) is { } kind)
        {
            throw Invalid($"{Key} '{file}' is {kind}, not a regular file holding the webhook secret.");
        }

        byte[] buffer;
        int filled;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            buffer = new byte[MaxFileBytes + 1];
            filled = 0;
            for (int read; filled < buffer.Length && (read = stream.Read(buffer, filled, buffer.Length - filled)) > 0;)
            {
                filled += read;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"{Key} '{file}' cannot be read ({ex.Message}).");
        }

        if (filled > MaxFileBytes)
        {
            throw Invalid($"{Key} '{file}' is larger than {MaxFileBytes} bytes: it must hold the webhook secret alone.");
        }

        var bom = buffer.AsSpan(0, filled).StartsWith("\uFEFF"u8) ? 3 : 0;
        var secret = System.Text.Encoding.UTF8.GetString(buffer, bom, filled - bom).Trim();
        if (secret.Length == 0)
        {
            throw Invalid($"{Key} '{file}' is empty: put the webhook secret in it, or remove the key to turn webhooks off.");
        }

        return secret.AsSpan().IndexOfAny('\r', '\n') >= 0
            ? throw Invalid($"{Key} '{file}' has more than one line: it must hold the webhook secret alone.")
            : secret;
    }

    private static OptionsValidationException Invalid(string message) =>
        new(GitHubOptions.SectionName, typeof(GitHubOptions), [message]);
}
