namespace TrunkExporter.GitHub.Auth;

/// <summary>
/// What a token must look like before it goes into an Authorization header: one line of printable ASCII.
/// A second line or a non-ASCII character is an operator's copy-and-paste mistake; said plainly, it is
/// mended at once, whereas the header would fail with an HTTP error that reads like a network problem.
/// The token itself never appears in a message.
/// </summary>
internal static class GitHubToken
{
    /// <summary>The trimmed token, or a <see cref="GitHubFailure.InvalidToken"/> naming <paramref name="source"/> ("token file X", "GITHUB_TOKEN").</summary>
    public static string Check(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var token = text.Trim();
        if (token.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw Invalid($"{source} has more than one line: it must hold the token alone, on one line");
        }

        if (token.AsSpan().ContainsAnyExceptInRange('\0', '\x7f'))
        {
            throw Invalid($"the GitHub token from {source} contains non-ASCII characters: GitHub tokens are ASCII, copy it again");
        }

        if (token.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            throw Invalid($"the GitHub token from {source} contains a space or a control character: it must be the token alone");
        }

        return token;
    }

    private static GitHubException Invalid(string message) => new(GitHubFailure.InvalidToken, message);
}
