using TrunkExporter.Exposition;

namespace TrunkExporter.Metrics;

/// <summary>
/// A component that exports its own self-metrics (the GitHub client, for instance). It writes
/// whole families from state it already holds: a scrape never triggers I/O.
/// </summary>
internal interface IMetricsContributor
{
    void Write(ExpositionWriter writer);
}
