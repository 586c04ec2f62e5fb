using TrunkExporter.Tests.Support;
namespace TrunkExporter.Tests.AlertRules;

/// <summary>The extractor that the metric-catalog test relies on: it must find names and only names.</summary>
public sealed class PromQlNamesTests
{
    [Theory]
    [InlineData("up{job=\"trunk-exporter\"} == 0", "up")]
    [InlineData("absent(up{job=\"trunk-exporter\"})", "up")]
    [InlineData("sum by (endpoint, code) (rate(trunk_exporter_github_requests_total{code!=\"304\"}[15m] offset 5m))", "trunk_exporter_github_requests_total")]
    [InlineData("count by (repo, branch) (a >= scalar(t:x)) or on (repo, branch) 0 * group by (repo) (b)", "a t:x b")]
    [InlineData("x * on (repo, branch) group_left (team) group by (repo, branch, team) (y)", "x y")]
    [InlineData("time() - z < 86400 and 1e3 > 0x1f # a comment naming not_a_metric", "z")]
    [InlineData("sum(rate(c_total[$__rate_interval])) / $scale", "c_total")]
    [InlineData("label_values(trunk_repo_info{team=~\"$team\"}, repo)", "trunk_repo_info")]
    [InlineData("histogram_quantile(0.9, sum(rate(d_bucket[5m])) without (le))", "d_bucket")]
    [InlineData("topk(scalar(10 - (count(%s > %v) or vector(0))), e%s == %v)", "e")]
    public void Finds_exactly_the_metric_names(string expression, string expected)
    {
        Assert.Equal(
            expected.Split(' ').Order(StringComparer.Ordinal),
            PromQlNames.MetricNames(expression).Order(StringComparer.Ordinal));
    }
}
