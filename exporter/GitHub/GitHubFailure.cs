namespace TrunkExporter.GitHub;

/// <summary>Why a GitHub request failed; decides the message, the retry and the exit code.</summary>
internal enum GitHubFailure
{
    MissingToken,
    Unauthorized,
    Forbidden,
    NotFound,
    RateLimited,
    ServerError,
    Timeout,
    Unreachable,
    MalformedResponse,
    ResponseTooLarge,
    InvalidToken,
    UnexpectedStatus,
}
