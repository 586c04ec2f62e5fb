namespace TrunkExporter.GitHub;

/// <summary>
/// The request-saving rules, all on in the exporter. Turning them off gives the naive client the
/// request-count benchmark compares against (same code, same requests, no savings).
/// </summary>
/// <param name="SkipOutOfScopeRuns">Never list the jobs of a run whose workflow is out of the repository's scope (the runs list names it).</param>
internal sealed record GitHubEconomy(bool ConditionalRequests, bool ReuseCompletedRuns, bool SkipSettledCommits, bool SkipOutOfScopeRuns = true)
{
    public static GitHubEconomy Full { get; } = new(true, true, true, true);

    public static GitHubEconomy Naive { get; } = new(false, false, false, false);
}
