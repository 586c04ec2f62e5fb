namespace TrunkExporter.GitHub;

/// <summary>A failed GitHub request; the message is the one line an operator reads (it never holds the token).</summary>
internal sealed class GitHubException : Exception
{
    public GitHubException(GitHubFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
    }

    public GitHubFailure Failure { get; }
}
