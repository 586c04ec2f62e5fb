namespace TrunkExporter.GitHub;

/// <summary>The three REST endpoints the exporter reads; the names are the <c>endpoint</c> label of its request counter.</summary>
internal enum GitHubEndpoint
{
    Commits,
    Runs,
    Jobs,
}

internal static class GitHubEndpointNames
{
    public static string Label(this GitHubEndpoint endpoint) => endpoint switch
    {
        GitHubEndpoint.Commits => "commits",
        GitHubEndpoint.Runs => "runs",
        GitHubEndpoint.Jobs => "jobs",
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
    };
}
