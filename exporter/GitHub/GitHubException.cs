using TrunkExporter.Core;

namespace TrunkExporter.GitHub;

/// <summary>A failed GitHub request; the message is the one line an operator reads (it never holds the token).</summary>
internal sealed class GitHubException : Exception, IOperatorFailure
{
    public GitHubException(GitHubFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
    }

    public GitHubFailure Failure { get; }

    public bool NeedsOperator => Failure is GitHubFailure.MissingToken or GitHubFailure.InvalidToken or GitHubFailure.Unauthorized or GitHubFailure.NotFound;
}
