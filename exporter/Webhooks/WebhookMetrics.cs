using Prometheus;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;

namespace TrunkExporter.Webhooks;

/// <summary>The webhook self-metrics; created only when webhooks are configured.</summary>
internal sealed class WebhookMetrics
{
    /// <summary>The event label takes only these values: any other header value would be a new series.</summary>
    private static readonly HashSet<string> KnownEvents = new(StringComparer.Ordinal) { "workflow_job", "workflow_run", "push", "ping" };

    private readonly Counter _deliveries;
    private readonly Gauge _lastDelivery;
    private readonly TimeProvider _time;

    public WebhookMetrics(ServedMetrics served, TrunkStateStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(store);
        _time = time;
        _deliveries = MetricCatalog.WebhookDeliveries.CounterOn(served.Registry);
        _lastDelivery = MetricCatalog.WebhookLastDelivery.GaugeOn(served.Registry);

        // Start time until the first delivery: silence since start counts as silence.
        var started = TrunkGauges.UnixSeconds(time.GetUtcNow());
        foreach (var repo in store.Current.Select(state => state.Target.Repo).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            _lastDelivery.WithLabels(repo).Set(started);
        }

        // The events that can be applied count from 0, so a rate over them is defined from the start.
        foreach (var applicable in new[] { "workflow_job", "workflow_run", "push" })
        {
            _deliveries.WithLabels(applicable, WebhookResult.Applied).Publish();
        }
    }

    public static string EventLabel(string? name) => name is not null && KnownEvents.Contains(name) ? name : "other";

    public void Counted(string? eventName, string result) => _deliveries.WithLabels(EventLabel(eventName), result).Inc();

    /// <summary>A signed delivery about a watched repository, under its configured spelling.</summary>
    public void Delivered(string repo) => _lastDelivery.WithLabels(repo).Set(TrunkGauges.UnixSeconds(_time.GetUtcNow()));
}

/// <summary>The values of the <c>result</c> label.</summary>
internal static class WebhookResult
{
    public const string Applied = "applied";
    public const string Ignored = "ignored";
    public const string Duplicate = "duplicate";
    public const string Unauthorized = "unauthorized";
    public const string Invalid = "invalid";
}
