using TrunkExporter.Tests.Support;
using System.Text.RegularExpressions;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>
/// Runs every query a Grafana showing the dashboards would run, against a real Prometheus that scraped
/// the real exporter: a query Prometheus rejects, or a panel that would say "No data" on a broken trunk,
/// fails here instead of in front of the on-call engineer.
/// </summary>
[Collection(DashboardStackDefinition.Name)]
public sealed partial class DashboardQueryTests(DashboardStackFixture stack)
{
    private static readonly TimeSpan RangeQueryLength = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RangeQueryStep = TimeSpan.FromSeconds(2);

    public static TheoryData<string, string, string> PanelQueries()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var name in DashboardFile.Names)
        {
            foreach (var query in DashboardFile.Load(name).Queries)
            {
                data.Add(name, query.Key, QueryValues.Sample);
                data.Add(name, query.Key, QueryValues.All);
            }
        }

        return data;
    }

    public static TheoryData<string, string> VariableQueries()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in DashboardFile.Names)
        {
            foreach (var variable in DashboardFile.Load(name).Variables.Where(variable => (string?)variable["type"] == "query"))
            {
                data.Add(name, (string)variable["name"]!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PanelQueries))]
    public async Task Every_dashboard_query_runs_and_shows_the_sample(string dashboardName, string queryKey, string selection)
    {
        var dashboard = DashboardFile.Load(dashboardName);
        var query = dashboard.Query(queryKey);
        var promql = GrafanaTemplate.Expand(query.Expr, QueryValues.For(dashboard, selection, stack));

        var now = DateTimeOffset.UtcNow;
        var result = query.Instant
            ? await stack.Prometheus.QueryAsync(promql, now)
            : await stack.Prometheus.QueryRangeAsync(promql, now - RangeQueryLength, now, RangeQueryStep);

        if (IsGitHubOnly(query) && !stack.ExposesGitHubMetrics)
        {
            // A replaying exporter talks to no GitHub, so these panels rightly show nothing here;
            // the structure tests check their metric names against the catalog instead.
            return;
        }

        Assert.False(result.IsEmpty, $"{dashboardName} {queryKey} returned no series for the P2 sample ({selection} selected), so Grafana would show 'No data'.\nPromQL: {promql}");
    }

    [Theory]
    [MemberData(nameof(VariableQueries))]
    public async Task Every_variable_query_lists_the_sample_value(string dashboardName, string variableName)
    {
        var dashboard = DashboardFile.Load(dashboardName);
        var text = DashboardFile.VariableQuery(dashboard.Variable(variableName));
        var match = LabelValues().Match(text);
        Assert.True(match.Success, $"{dashboardName}: variable {variableName} query '{text}' is not label_values(selector, label), the only form these tests translate.");

        var values = QueryValues.For(dashboard, QueryValues.Sample, stack);
        var selector = match.Groups["selector"].Success ? GrafanaTemplate.Expand(match.Groups["selector"].Value, values) : null;
        var listed = await stack.Prometheus.LabelValuesAsync(match.Groups["label"].Value, selector);

        Assert.Contains(QueryValues.SampleValue(variableName, stack), listed);
    }

    private static bool IsGitHubOnly(DashboardQuery query)
    {
        var names = PromQlNames.MetricNames(query.Expr);
        return names.Count > 0 && names.All(name => name.StartsWith("trunk_exporter_github_", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\s*label_values\(\s*(?:(?<selector>.+?)\s*,\s*)?(?<label>\w+)\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();
}
