using Prometheus;
using TrunkExporter.Health;

namespace TrunkExporter.Metrics;

/// <summary>
/// The trunk families of given trunk states in a registry of their own, as <c>scrape --replay</c>
/// prints them: the same gauges and the same apply as <c>/metrics</c>, without the refresh loop.
/// </summary>
internal static class TrunkExposition
{
    public static CollectorRegistry Registry(IReadOnlyList<TrunkHealth> trunks, IEnumerable<BranchOwner> owners, bool buildInfo)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        new TrunkGauges(registry).Apply(trunks, owners);
        if (buildInfo)
        {
            BuildInfo.SetOn(registry);
        }

        return registry;
    }

    public static Task<string> RenderAsync(
        IReadOnlyList<TrunkHealth> trunks,
        IEnumerable<BranchOwner> owners,
        ExpositionFormat format,
        bool buildInfo = true,
        CancellationToken cancellationToken = default) =>
        Render.ToStringAsync(Registry(trunks, owners, buildInfo), format, cancellationToken);
}
