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

    public GitHubCredentials(IOptions<GitHubOptions> options)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    public string GetToken()
    {
        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        if (options.Value.TokenFile is { } file)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new GitHubException(GitHubFailure.MissingToken,
                    $"cannot read the GitHub token file {file} ({ex.Message}): fix {GitHubOptions.SectionName}:TokenFile or set {EnvironmentVariable}");
            }

            if (!string.IsNullOrWhiteSpace(text))
            {
                return text.Trim();
            }

            throw new GitHubException(GitHubFailure.MissingToken,
                $"the GitHub token file {file} is empty: put a token in it or set {EnvironmentVariable}");
        }

        throw new GitHubException(GitHubFailure.MissingToken,
            $"no GitHub token: set {EnvironmentVariable} or {GitHubOptions.SectionName}:TokenFile to a token that can read the repository's Actions");
    }
}
