using System.Text.RegularExpressions;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>
/// Runs every query a Grafana showing the dashboards would run, against a real Prometheus that scraped
/// the real exporter (one replayed and one GitHub-read repository, both broken): a query Prometheus
/// rejects, or a panel that would say "No data" on a broken trunk, GitHub panels included, fails here
/// instead of in front of the on-call engineer.
/// </summary>
[Collection(DashboardStackDefinition.Name)]
public sealed partial class DashboardQueryTests(DashboardStackFixture stack)
{
    public static TheoryData<string, string, string> PanelQueries()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var name in DashboardFile.Names)
        {
            foreach (var query in DashboardFile.Load(name).Queries)
            {
                foreach (var selection in QueryValues.Selections)
                {
                    data.Add(name, query.Key, selection);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> VariableQueries()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var name in DashboardFile.Names)
        {
            foreach (var variable in DashboardFile.Load(name).Variables.Where(variable => (string?)variable["type"] == "query"))
            {
                foreach (var selection in QueryValues.SampleSelections)
                {
                    data.Add(name, (string)variable["name"]!, selection);
                }
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
        var (promql, result) = await PanelQueryRunner.RunAsync(stack, dashboard, query, selection);

        Assert.False(result.IsEmpty, $"{dashboardName} {queryKey} returned no series with {Describe(selection)} selected, so Grafana would show 'No data'.\nPromQL: {promql}");
    }

    [Theory]
    [MemberData(nameof(VariableQueries))]
    public async Task Every_variable_query_lists_the_sample_value(string dashboardName, string variableName, string selection)
    {
        var dashboard = DashboardFile.Load(dashboardName);
        var text = DashboardFile.VariableQuery(dashboard.Variable(variableName));
        var match = LabelValues().Match(text);
        Assert.True(match.Success, $"{dashboardName}: variable {variableName} query '{text}' is not label_values(selector, label), the only form these tests translate.");

        var values = QueryValues.For(dashboard, selection, stack);
        var selector = match.Groups["selector"].Success ? GrafanaTemplate.Expand(match.Groups["selector"].Value, values) : null;
        var listed = await stack.Prometheus.LabelValuesAsync(match.Groups["label"].Value, selector);

        Assert.Contains(QueryValues.SampleValue(variableName, selection, stack), listed);
    }

    private static string Describe(string selection) => selection switch
    {
        QueryValues.Sample => $"the replayed P2 sample ({DashboardStackFixture.Repo})",
        QueryValues.GitHubSample => $"the repository read from GitHub ({DashboardStackFixture.GitHubRepo})",
        _ => "every variable's 'All'",
    };

    [GeneratedRegex(@"^\s*label_values\(\s*(?:(?<selector>.+?)\s*,\s*)?(?<label>\w+)\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();
}
