using TrunkExporter.Tests.Support;
using TrunkExporter.Metrics;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// A renamed or mistyped metric makes an alert silently never fire: every metric name in the rules,
/// their annotation queries, the runbooks and the dashboards must be one the exporter serves, a
/// recording rule of the pack, or one that Prometheus itself provides.
/// </summary>
public sealed class MetricNameTests
{
    private static readonly string[] PrometheusOwn =
    [
        "up", "scrape_duration_seconds", "ALERTS", "ALERTS_FOR_STATE", "prometheus_config_last_reload_successful",
    ];

    [Fact]
    public void Rule_expressions_use_only_known_metrics()
    {
        Assert.Empty(Unknown(PromQlSources.RuleExpressions()));
    }

    [Fact]
    public void Annotation_queries_use_only_known_metrics()
    {
        Assert.NotEmpty(PromQlSources.AnnotationQueries());
        Assert.Empty(Unknown(PromQlSources.AnnotationQueries()));
    }

    [Fact]
    public void Runbook_queries_use_only_known_metrics()
    {
        Assert.Equal(
            AlertPack.RunbookFiles.Select(Path.GetFileName).Select(name => $"runbooks/{name}"),
            PromQlSources.RunbookExpressions().Select(source => source.Where).Distinct());
        Assert.Empty(Unknown(PromQlSources.RunbookExpressions()));
    }

    [Fact]
    public void Dashboard_queries_use_only_known_metrics()
    {
        Assert.Empty(Unknown(PromQlSources.DashboardExpressions()));
    }

    [Fact]
    public void A_mistyped_metric_is_reported_with_where_it_is()
    {
        var unknown = Unknown([("somewhere", "trunk_job_failure_streaks >= 3 and on (repo) trunk_repo_info")]);

        Assert.Equal(["somewhere: trunk_job_failure_streaks"], unknown);
    }

    private static List<string> Unknown(IEnumerable<(string Where, string Expression)> sources)
    {
        var known = MetricCatalog.All.Select(family => family.Name)
            .Concat(AlertPack.Rules.Where(rule => rule.Record is not null).Select(rule => rule.Record!))
            .Concat(PrometheusOwn)
            .Concat(TrunkExporter.IssueBridge.BridgeMetrics.Names)
            .ToHashSet(StringComparer.Ordinal);
        return
        [
            .. from source in sources
               from name in PromQlNames.MetricNames(source.Expression)
               where !known.Contains(name)
               select $"{source.Where}: {name}",
        ];
    }
}
