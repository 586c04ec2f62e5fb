namespace TrunkExporter.Tests.Dashboards;

/// <summary>
/// The exporter dashboard's GitHub panels show what the exporter's GitHub client really did against
/// the fake GitHub: full reads, then 304s for an unchanged trunk, and the rate limit GitHub announced.
/// </summary>
[Collection(DashboardStackDefinition.Name)]
public sealed class GitHubPanelTests(DashboardStackFixture stack)
{
    private const string CoreResource = "core";

    /// <summary>The fake GitHub's rate-limit window: a reset is never further away.</summary>
    private static readonly TimeSpan RateLimitWindow = TimeSpan.FromHours(1);

    [Fact]
    public async Task Requests_by_code_show_the_first_reads_and_the_304s_of_later_refreshes()
    {
        var (promql, result) = await RunAsync(TrunkExporterPanels.GitHubRequestsByCode, "A");

        var codes = result.Series.Select(series => series.Label("code")).ToHashSet(StringComparer.Ordinal);
        Assert.True(codes.SetEquals(["200", "304"]), $"Expected codes 200 and 304, got {result.Describe()}.\nPromQL: {promql}");
    }

    [Fact]
    public async Task The_304_share_is_a_fraction_above_zero_once_refreshes_found_the_trunk_unchanged()
    {
        var (promql, result) = await RunAsync(TrunkExporterPanels.AnsweredNotModified, "A");

        var share = Assert.Single(result.Series).LastValue;
        Assert.True(share is > 0 and <= 1, $"The 304 share is {share}, not in (0, 1].\nPromQL: {promql}");
    }

    [Fact]
    public async Task The_rate_limit_panel_shows_the_limit_GitHub_announced_and_what_the_exporter_spent_of_it()
    {
        var (limitQuery, limit) = await RunAsync(TrunkExporterPanels.GitHubRateLimitRemaining, "B");
        var (remainingQuery, remaining) = await RunAsync(TrunkExporterPanels.GitHubRateLimitRemaining, "A");

        var limitSeries = Assert.Single(limit.Series);
        Assert.Equal(CoreResource, limitSeries.Label("resource"));
        Assert.Equal(DashboardStackFixture.GitHubRateLimit, limitSeries.LastValue);

        var remainingSeries = Assert.Single(remaining.Series);
        Assert.Equal(CoreResource, remainingSeries.Label("resource"));

        // Remaining only goes down within a window: the exporter's last report may lag the fake's count, never undercut it.
        var fakeRemaining = stack.GitHub.RateLimitRemaining;
        Assert.True(
            remainingSeries.LastValue >= fakeRemaining && remainingSeries.LastValue < DashboardStackFixture.GitHubRateLimit,
            $"Remaining {remainingSeries.LastValue} should lie in [{fakeRemaining} (the fake's count now), {DashboardStackFixture.GitHubRateLimit}).\nPromQL: {remainingQuery} / {limitQuery}");
    }

    [Fact]
    public async Task The_reset_panel_counts_down_to_a_reset_within_the_rate_limit_window()
    {
        var (promql, result) = await RunAsync(TrunkExporterPanels.GitHubRateLimitResetsIn, "A");

        var series = Assert.Single(result.Series);
        Assert.Equal(CoreResource, series.Label("resource"));
        Assert.True(
            series.LastValue > 0 && series.LastValue <= RateLimitWindow.TotalSeconds,
            $"The reset is {series.LastValue} s away, not within (0, {RateLimitWindow.TotalSeconds}] s.\nPromQL: {promql}");
    }

    private async Task<(string PromQl, PromQueryResult Result)> RunAsync(int panel, string refId)
    {
        var dashboard = DashboardFile.Load(DashboardFile.TrunkExporter);
        return await PanelQueryRunner.RunAsync(stack, dashboard, dashboard.PanelQuery(panel, refId), QueryValues.Sample);
    }
}
