namespace TrunkExporter.Tests.Dashboards;

/// <summary>Runs a dashboard query the way Grafana would: variables substituted, instant or over the last five minutes.</summary>
internal static class PanelQueryRunner
{
    private static readonly TimeSpan RangeQueryLength = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RangeQueryStep = TimeSpan.FromSeconds(2);

    /// <returns>The PromQL sent (for assertion messages) and Prometheus's answer.</returns>
    public static async Task<(string PromQl, PromQueryResult Result)> RunAsync(
        DashboardStackFixture stack, DashboardFile dashboard, DashboardQuery query, string selection)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(query);
        var promql = GrafanaTemplate.Expand(query.Expr, QueryValues.For(dashboard, selection, stack));
        var now = DateTimeOffset.UtcNow;
        var result = query.Instant
            ? await stack.Prometheus.QueryAsync(promql, now)
            : await stack.Prometheus.QueryRangeAsync(promql, now - RangeQueryLength, now, RangeQueryStep);
        return (promql, result);
    }
}
