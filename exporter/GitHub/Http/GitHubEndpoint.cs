namespace TrunkExporter.GitHub.Http;

/// <summary>The REST endpoints the exporter calls; the names are the <c>endpoint</c> label of its request counter.</summary>
internal enum GitHubEndpoint
{
    Commits,
    Runs,
    Jobs,

    /// <summary>GitHub App sign-in: the repository's installation and installation tokens.</summary>
    App,

    Other,
}

internal static class GitHubEndpointNames
{
    public static string Label(this GitHubEndpoint endpoint) => endpoint switch
    {
        GitHubEndpoint.Commits => "commits",
        GitHubEndpoint.Runs => "runs",
        GitHubEndpoint.Jobs => "jobs",
        GitHubEndpoint.App => "app",
        GitHubEndpoint.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
    };

    /// <summary>Which endpoint a URL is, from its path (later pages are under /repositories/ID/, so only the end counts).</summary>
    public static GitHubEndpoint Of(Uri? url)
    {
        var path = url?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        return path.EndsWith("/commits", StringComparison.Ordinal) ? GitHubEndpoint.Commits
            : path.EndsWith("/actions/runs", StringComparison.Ordinal) ? GitHubEndpoint.Runs
            : path.EndsWith("/jobs", StringComparison.Ordinal) ? GitHubEndpoint.Jobs
            : path.EndsWith("/installation", StringComparison.Ordinal) || path.EndsWith("/access_tokens", StringComparison.Ordinal) ? GitHubEndpoint.App
            : GitHubEndpoint.Other;
    }
}
