using Prometheus;

namespace TrunkExporter.IssueBridge;

/// <summary>The bridge's own /metrics families, in its own registry.</summary>
internal sealed class BridgeMetrics
{
    public const string ActionsName = "trunk_issue_bridge_actions_total";
    public const string OpenIssuesName = "trunk_issue_bridge_open_issues";

    /// <summary>The families the bridge serves (the rule pack's meta alert reads them).</summary>
    public static readonly IReadOnlyList<string> Names = [ActionsName, OpenIssuesName];

    private static readonly (string Action, string Result)[] Initial =
        [("webhook", "ok"), ("webhook", "failed"), ("webhook", "rejected"), ("webhook", "unauthorized"), ("create", "ok"), ("create", "failed")];

    private static readonly string[] Priorities = ["P1", "P2"];

    private readonly Counter _actions;
    private readonly Gauge _open;

    public BridgeMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _actions = factory.CreateCounter(ActionsName,
            "What the issue bridge did, by action (webhook, create, comment, escalate, close, reconcile, ignore) and result.",
            new CounterConfiguration { LabelNames = ["action", "result"] });
        _open = factory.CreateGauge(OpenIssuesName,
            "Issues the bridge holds open, by the alert's priority label.",
            new GaugeConfiguration { LabelNames = ["priority"] });

        // Present from the start, so rate() and absent() see a series before the first failure.
        foreach (var (action, result) in Initial)
        {
            _actions.WithLabels(action, result);
        }

        _open.WithLabels("P1").Set(0);
        _open.WithLabels("P2").Set(0);
    }

    public void Count(string action, string result) => _actions.WithLabels(action, result).Inc();

    public double Value(string action, string result) => _actions.WithLabels(action, result).Value;

    public void SetOpen(IReadOnlyDictionary<string, int> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        foreach (var priority in Priorities.Concat(open.Keys).Distinct(StringComparer.Ordinal))
        {
            _open.WithLabels(priority).Set(open.GetValueOrDefault(priority));
        }
    }
}
