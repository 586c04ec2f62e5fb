using System.Globalization;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>
/// The values Grafana would substitute for every variable of a dashboard query: the repository, branch,
/// team and exporter of the replayed P2 sample (<see cref="Sample"/>) or of the repository read from the
/// fake GitHub (<see cref="GitHubSample"/>), or each variable's "All" value (<see cref="All"/>).
/// </summary>
internal static class QueryValues
{
    public const string Sample = "sample";
    public const string GitHubSample = "github-sample";
    public const string All = "all";

    /// <summary>The selections that pick one repository.</summary>
    public static IReadOnlyList<string> SampleSelections { get; } = [Sample, GitHubSample];

    public static IReadOnlyList<string> Selections { get; } = [Sample, GitHubSample, All];

    /// <summary>The time-range variables, as Grafana computes them for a one-hour range on a 1 s scrape interval rounded up.</summary>
    private static readonly Dictionary<string, string> TimeRange = new(StringComparer.Ordinal)
    {
        ["__interval"] = "15s",
        ["__interval_ms"] = "15000",
        ["__rate_interval"] = "1m",
        ["__range"] = "1h",
        ["__range_s"] = "3600",
        ["__range_ms"] = "3600000",
    };

    public static IReadOnlyDictionary<string, string> For(DashboardFile dashboard, string selection, DashboardStackFixture stack)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(stack);
        var values = new Dictionary<string, string>(TimeRange, StringComparer.Ordinal);
        foreach (var variable in dashboard.Variables)
        {
            var name = (string)variable["name"]!;
            values[name] = (string?)variable["type"] switch
            {
                "query" when selection == All => (string?)variable["allValue"]
                    ?? throw new InvalidOperationException($"{dashboard.Name}: variable {name} has no allValue, so 'All' depends on what the server lists."),
                "query" => GrafanaTemplate.PrometheusRegexEscape(SampleValue(name, selection, stack)),
                "constant" => (string?)variable["query"] ?? string.Empty,
                "datasource" => "prometheus",
                var type => throw new InvalidOperationException($"{dashboard.Name}: variable {name} has type {type}, which the query tests cannot substitute."),
            };
        }

        return values;
    }

    /// <summary>The value a variable of that name has for the live stack's sample selected by <paramref name="selection"/>.</summary>
    public static string SampleValue(string variable, string selection, DashboardStackFixture stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var gitHub = selection switch
        {
            Sample => false,
            GitHubSample => true,
            _ => throw new ArgumentException($"'{selection}' selects no single sample.", nameof(selection)),
        };
        return variable switch
        {
            "repo" => gitHub ? DashboardStackFixture.GitHubRepo : DashboardStackFixture.Repo,
            "branch" => DashboardStackFixture.Branch,
            "team" => gitHub ? DashboardStackFixture.GitHubTeam : DashboardStackFixture.Team,
            "instance" => stack.Exporter.Target,
            _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The query tests know no sample value for a variable named {variable}: add one to {nameof(QueryValues)}.")),
        };
    }
}
