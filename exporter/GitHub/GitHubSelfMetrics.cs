using System.Collections.Concurrent;
using TrunkExporter.Exposition;
using TrunkExporter.Metrics;

namespace TrunkExporter.GitHub;

/// <summary>Requests by endpoint and status code, and the latest rate limits per resource; a scrape reads only memory.</summary>
internal sealed class GitHubSelfMetrics(RateLimitTracker rateLimits) : IMetricsContributor
{
    /// <summary>The code label of an attempt that got no answer in time.</summary>
    public const string TimeoutCode = "timeout";

    /// <summary>The code label of an attempt that got no answer at all (connection refused, reset, truncated).</summary>
    public const string ErrorCode = "error";

    /// <summary>The code label of an answer whose body passed <see cref="GitHubOptions.MaxResponseBytes"/> (and was not read further).</summary>
    public const string TooLargeCode = "too_large";

    private readonly ConcurrentDictionary<(string Endpoint, string Code), long> _requests = new();

    public void CountRequest(GitHubEndpoint endpoint, string code) =>
        _requests.AddOrUpdate((endpoint.Label(), code), 1, (_, count) => count + 1);

    public long Requests(GitHubEndpoint? endpoint = null, string? code = null) =>
        _requests.Where(pair => (endpoint is null || pair.Key.Endpoint == endpoint.Value.Label()) && (code is null || pair.Key.Code == code))
            .Sum(pair => pair.Value);

    public void Write(ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var ((endpoint, code), count) in _requests.OrderBy(pair => pair.Key.Endpoint, StringComparer.Ordinal).ThenBy(pair => pair.Key.Code, StringComparer.Ordinal))
        {
            writer.Sample(MetricCatalog.GitHubRequests, [endpoint, code], count);
        }

        var limits = rateLimits.Current;
        foreach (var info in limits)
        {
            writer.Sample(MetricCatalog.GitHubRateLimitLimit, [info.Resource], info.Limit);
        }

        foreach (var info in limits)
        {
            writer.Sample(MetricCatalog.GitHubRateLimitRemaining, [info.Resource], info.Remaining);
        }

        foreach (var info in limits)
        {
            if (info.Reset is { } reset)
            {
                writer.Sample(MetricCatalog.GitHubRateLimitReset, [info.Resource], reset.ToUnixTimeSeconds());
            }
        }
    }
}
