using Prometheus;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.Metrics;

namespace TrunkExporter.GitHub;

/// <summary>
/// Requests by endpoint and status code, and the latest rate limits per resource: prometheus-net
/// counters and gauges, set as each answer arrives, so a scrape reads only memory.
/// </summary>
internal sealed class GitHubSelfMetrics
{
    /// <summary>The code label of an attempt that got no answer in time.</summary>
    public const string TimeoutCode = "timeout";

    /// <summary>The code label of an attempt that got no answer at all (connection refused, reset, truncated).</summary>
    public const string ErrorCode = "error";

    private readonly Counter _requests;
    private readonly Gauge _limit;
    private readonly Gauge _remaining;
    private readonly Gauge _reset;

    /// <param name="registry">The served registry; without one (the record command, tests) a registry of their own.</param>
    public GitHubSelfMetrics(RateLimitTracker rateLimits, CollectorRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(rateLimits);
        registry ??= Prometheus.Metrics.NewCustomRegistry();
        _requests = MetricCatalog.GitHubRequests.CounterOn(registry);
        _limit = MetricCatalog.GitHubRateLimitLimit.GaugeOn(registry);
        _remaining = MetricCatalog.GitHubRateLimitRemaining.GaugeOn(registry);
        _reset = MetricCatalog.GitHubRateLimitReset.GaugeOn(registry);
        rateLimits.OnKept(RateLimitKept);
    }

    public void CountRequest(GitHubEndpoint endpoint, string code) => _requests.WithLabels(endpoint.Label(), code).Inc();

    public long Requests(GitHubEndpoint? endpoint = null, string? code = null) =>
        _requests.GetAllLabelValues()
            .Where(labels => (endpoint is null || labels[0] == endpoint.Value.Label()) && (code is null || labels[1] == code))
            .Sum(labels => (long)_requests.WithLabels(labels).Value);

    private void RateLimitKept(RateLimitInfo info)
    {
        _limit.WithLabels(info.Resource).Set(info.Limit);
        _remaining.WithLabels(info.Resource).Set(info.Remaining);
        if (info.Reset is { } reset)
        {
            _reset.WithLabels(info.Resource).Set(reset.ToUnixTimeSeconds());
        }
    }
}
