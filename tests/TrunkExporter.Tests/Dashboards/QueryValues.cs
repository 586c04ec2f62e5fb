using System.Globalization;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>
/// The values Grafana would substitute for every variable of a dashboard query: either the P2 sample's
/// repository, branch, team and exporter (<see cref="Sample"/>), or each variable's "All" value (<see cref="All"/>).
/// </summary>
internal static class QueryValues
{
    public const string Sample = "sample";
    public const string All = "all";

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
                "query" => GrafanaTemplate.PrometheusRegexEscape(SampleValue(name, stack)),
                "constant" => (string?)variable["query"] ?? string.Empty,
                "datasource" => "prometheus",
                var type => throw new InvalidOperationException($"{dashboard.Name}: variable {name} has type {type}, which the query tests cannot substitute."),
            };
        }

        return values;
    }

    /// <summary>The value the live stack's sample has for a variable of that name.</summary>
    public static string SampleValue(string variable, DashboardStackFixture stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return variable switch
        {
            "repo" => DashboardStackFixture.Repo,
            "branch" => DashboardStackFixture.Branch,
            "team" => DashboardStackFixture.Team,
            "instance" => stack.Exporter.Target,
            _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The query tests know no sample value for a variable named {variable}: add one to {nameof(QueryValues)}.")),
        };
    }
}
