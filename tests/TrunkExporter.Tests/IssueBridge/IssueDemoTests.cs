namespace TrunkExporter.Tests.IssueBridge;

/// <summary>
/// `ISSUES=1 make demo`: the whole stack on the P2 sample (the exporter, Prometheus with the shipped rules,
/// Alertmanager with the shipped configuration's github-issues receiver enabled) files the P2 issue in the fake GitHub.
/// </summary>
public sealed class IssueDemoTests
{
    [Fact]
    public async Task The_p2_demo_files_the_P2_issue_with_the_samples_failing_jobs()
    {
        await using var demo = await IssueDemo.StartAsync(
            new StackOptions
            {
                SnapshotFile = RepoPaths.InRepo("samples", "trunk-p2.json"),
                RefreshInterval = TimeSpan.FromSeconds(1),
                Interval = TimeSpan.FromSeconds(1),
                GroupWait = TimeSpan.FromSeconds(1),
            },
            onMessage: null,
            log: null,
            CancellationToken.None);

        await BoundedWait.UntilAsync(
            _ => Task.FromResult(demo.GitHub.IssuesOf(IssueDemo.IssueRepository).Count > 0),
            TimeSpan.FromSeconds(60),
            () => $"no issue filed; notifications: {demo.Stack.Sink.DescribeWebhooks()}");
        var issue = Assert.Single(demo.GitHub.IssuesOf(IssueDemo.IssueRepository));

        Assert.Equal("[P2] HUD is broken - 3 commits in a row (<=5 jobs failing) - pytorch/pytorch main", issue.Title);
        Assert.Equal(["area:trunk-health", "priority:P2", "team:dev-infra", "source:trunk-exporter"], issue.Labels);
        Assert.Contains("- pull / linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge): streak 4, failing since ", issue.Body, StringComparison.Ordinal);
        Assert.Contains($"- HUD: {demo.Stack.Exporter.BaseAddress}hud/pytorch/pytorch/main", issue.Body, StringComparison.Ordinal);
        Assert.Contains($"- Silence: {demo.Stack.Alertmanager.ExternalUrl}/#/silences/new?filter=", issue.Body, StringComparison.Ordinal);
        Assert.Contains("<!-- trunk-exporter-fingerprint: ", issue.Body, StringComparison.Ordinal);
        Assert.Contains("---- GitHub issue pytorch/test-infra#1 (open)", IssueDemo.Describe(issue), StringComparison.Ordinal);
    }
}
