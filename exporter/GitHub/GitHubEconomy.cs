namespace TrunkExporter.GitHub;

/// <summary>
/// The request-saving rules, all on in the exporter. Turning them off gives the naive client the
/// request-count benchmark compares against (same code, same requests, no savings).
/// </summary>
internal sealed record GitHubEconomy(bool ConditionalRequests, bool ReuseCompletedRuns, bool SkipSettledCommits)
{
    public static GitHubEconomy Full { get; } = new(true, true, true);

    public static GitHubEconomy Naive { get; } = new(false, false, false);
}
