using TrunkExporter.Exposition;
using TrunkExporter.Refresh;

namespace TrunkExporter.Metrics;

/// <summary>Renders the published state; a scrape costs no I/O and never waits for a refresh.</summary>
internal sealed class MetricsRenderer(TrunkStateStore store, IEnumerable<IMetricsContributor> contributors)
{
    private readonly IMetricsContributor[] _contributors = [.. contributors];

    public string Render(ExpositionFormat format)
    {
        var states = store.Current;
        var writer = new ExpositionWriter(format);
        TrunkMetricsWriter.Write(
            writer,
            [.. states.Where(state => state.Health is not null).Select(state => state.Health!)],
            states.Select(state => new BranchOwner(state.Target.Repo, state.Target.Branch, state.Target.Team)));
        WriteBuildInfo(writer);
        foreach (var state in states)
        {
            if (state.LastSuccess is { } success)
            {
                writer.Sample(MetricCatalog.LastSuccess, [state.Target.Repo, state.Target.Branch], TrunkMetricsWriter.UnixSeconds(success));
            }
        }

        foreach (var state in states)
        {
            writer.Sample(MetricCatalog.RefreshFailures, [state.Target.Repo, state.Target.Branch], state.RefreshFailures);
        }

        foreach (var state in states)
        {
            if (state.LastRefreshDuration is { } duration)
            {
                writer.Sample(MetricCatalog.RefreshDuration, [state.Target.Repo, state.Target.Branch], duration.TotalSeconds);
            }
        }

        foreach (var contributor in _contributors)
        {
            contributor.Write(writer);
        }

        return writer.Complete();
    }

    public static void WriteBuildInfo(ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Sample(MetricCatalog.BuildInfo, [BuildInfo.Version, BuildInfo.Runtime], 1);
    }
}
