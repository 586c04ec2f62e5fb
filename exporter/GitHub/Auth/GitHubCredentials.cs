using Microsoft.Extensions.Options;

namespace TrunkExporter.GitHub.Auth;

/// <summary>
/// Finds the token: the GITHUB_TOKEN environment variable, else the file named by
/// <see cref="GitHubOptions.TokenFile"/>. It is read on every refresh, so a rotated secret is picked up
/// without a restart. The token is never logged and never part of a message.
/// </summary>
internal sealed class GitHubCredentials(IOptions<GitHubOptions> options, Func<string, string?> environment)
{
    public const string EnvironmentVariable = "GITHUB_TOKEN";

    /// <summary>Far above any GitHub token (a few hundred bytes at most).</summary>
    private const int MaxTokenFileBytes = 64 * 1024;

    public GitHubCredentials(IOptions<GitHubOptions> options)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    public string GetToken()
    {
        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return GitHubToken.Check(fromEnvironment, EnvironmentVariable);
        }

        if (options.Value.TokenFile is { } file)
        {
            string text;
            try
            {
                text = ReadBounded(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new GitHubException(GitHubFailure.MissingToken,
                    $"cannot read the GitHub token file {file} ({ex.Message}): fix {GitHubOptions.SectionName}:TokenFile or set {EnvironmentVariable}");
            }

            if (!string.IsNullOrWhiteSpace(text))
            {
                return GitHubToken.Check(text, $"token file {file}");
            }

            throw new GitHubException(GitHubFailure.MissingToken,
                $"the GitHub token file {file} is empty: put a token in it or set {EnvironmentVariable}");
        }

        throw new GitHubException(GitHubFailure.MissingToken,
            $"no GitHub token: set {EnvironmentVariable} or {GitHubOptions.SectionName}:TokenFile to a token that can read the repository's Actions");
    }

    /// <summary>A token is a line; a FIFO would block the refresh and /dev/zero would never end, so only a small regular file is read.</summary>
    private static string ReadBounded(string file)
    {
        if (Files.RegularFile.Kind(file) is { } kind)
        {
            throw new GitHubException(GitHubFailure.InvalidToken, $"token file {file} is {kind}, not a regular file: point {GitHubOptions.SectionName}:TokenFile at a file holding the token");
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[MaxTokenFileBytes + 1];
        var filled = 0;
        for (int read; filled < buffer.Length && (read = stream.Read(buffer, filled, buffer.Length - filled)) > 0;)
        {
            filled += read;
        }

        return filled > MaxTokenFileBytes
            ? throw new GitHubException(GitHubFailure.InvalidToken, $"token file {file} is larger than {MaxTokenFileBytes} bytes: it must hold the token alone")
            : buffer.AsSpan(0, filled).StartsWith("\uFEFF"u8)
                ? System.Text.Encoding.UTF8.GetString(buffer, 3, filled - 3)
                : System.Text.Encoding.UTF8.GetString(buffer, 0, filled);
    }
}
