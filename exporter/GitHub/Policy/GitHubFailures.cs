using TrunkExporter.GitHub.Http;

namespace TrunkExporter.GitHub.Policy;

/// <summary>The one line an operator reads for each way a GitHub request can fail; never the token.</summary>
internal static class GitHubFailures
{
    public static GitHubException? FromException(Exception exception, HttpRequestMessage request, GitHubOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var url = request.RequestUri;
        if (RateLimitGovernor.IsTimeout(exception, cancellationToken))
        {
            return new GitHubException(GitHubFailure.Timeout,
                $"GitHub did not answer {request.Method} {url} in time (TrunkExporter:GitHub:RequestTimeout {options.RequestTimeout}, TotalTimeout {options.TotalTimeout}, {options.MaxRetries} retries); will try again on the next refresh",
                exception);
        }

        return exception is HttpRequestException or IOException
            ? new GitHubException(GitHubFailure.Unreachable,
                $"cannot reach GitHub for {GitHubEndpointNames.Of(url).Label()} at {url?.GetLeftPart(UriPartial.Authority)} after {options.MaxRetries} retries ({exception.Message}); check TrunkExporter:GitHub:ApiBaseUrl and the network",
                exception)
            : null;
    }

    public static GitHubException RateLimited(GitHubResponse response, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new GitHubException(GitHubFailure.RateLimited,
            $"GitHub rate limit ({response.Status}{Detail(response)}): no requests until {until:u}, the refresh resumes after it (refresh less often or use a token with a higher limit)");
    }

    public static GitHubException FromAnswer(GitHubResponse response, HttpRequestMessage request, GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var detail = Detail(response);
        var call = $"{request.Method} {request.RequestUri}";
        var app = GitHubEndpointNames.Of(request.RequestUri) == GitHubEndpoint.App;
        return response.Status switch
        {
            401 when app => new GitHubException(GitHubFailure.Unauthorized,
                $"GitHub rejected the App's signed request (401{detail}) to {call}: check {GitHubOptions.SectionName}:App:Id and that {GitHubOptions.SectionName}:App:PrivateKeyFile is that App's current private key"),
            401 => new GitHubException(GitHubFailure.Unauthorized,
                $"GitHub rejected the token (401{detail}): set GITHUB_TOKEN or TrunkExporter:GitHub:TokenFile to a valid token with read access to the repository's Actions"),
            403 => new GitHubException(GitHubFailure.Forbidden,
                $"GitHub refused {call} (403{detail}): give the token read access to the repository's contents and Actions"),
            404 when app => new GitHubException(GitHubFailure.NotFound,
                $"GitHub found no installation at {call} (404{detail}): install the App on the repository, or set {GitHubOptions.SectionName}:App:InstallationId"),
            404 => new GitHubException(GitHubFailure.NotFound,
                $"GitHub found nothing at {call} (404{detail}): check the repository and branch names, and that the token can see the repository"),
            304 => new GitHubException(GitHubFailure.UnexpectedStatus,
                $"GitHub answered 304 Not Modified to {call}, which was not a conditional request"),
            >= 500 => new GitHubException(GitHubFailure.ServerError,
                $"GitHub answered {response.Status}{detail} to {call} after {options.MaxRetries} retries; will try again on the next refresh"),
            _ => new GitHubException(GitHubFailure.UnexpectedStatus,
                $"GitHub answered {response.Status}{detail} to {call}, which the exporter does not expect"),
        };
    }

    private static string Detail(GitHubResponse response) =>
        response.ErrorMessage() is { Length: > 0 } message ? $" \"{message}\"" : string.Empty;
}
