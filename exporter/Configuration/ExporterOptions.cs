using TrunkExporter.Snapshots;

namespace TrunkExporter.Configuration;

/// <summary>The <c>TrunkExporter</c> configuration section (appsettings.json, environment, command line).</summary>
internal sealed class ExporterOptions
{
    public const string SectionName = "TrunkExporter";

    /// <summary>The longest interval: a timer cannot wait beyond about 49.7 days, and a trunk alert a day late is no alert.</summary>
    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromDays(1);

    /// <summary>The reader's own default (<see cref="SnapshotReader.DefaultMaxBytes"/>), so a snapshot reads alike everywhere.</summary>
    public const long DefaultMaxSnapshotBytes = SnapshotReader.DefaultMaxBytes;

    /// <summary>The largest limit: a snapshot is read into one array, and .NET arrays stop short of 2 GiB.</summary>
    public const long MaxMaxSnapshotBytes = 1024L * 1024 * 1024;

    /// <summary>How often every repository is refreshed from its source.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest snapshot file a replay reads; a larger one (or /dev/zero) fails the refresh instead of the process.</summary>
    public long MaxSnapshotBytes { get; set; } = DefaultMaxSnapshotBytes;

    /// <summary>
    /// Where each GitHub branch's cache is kept across restarts (<see cref="Configuration.DataDirectory"/> gives
    /// the default: systemd's $STATE_DIRECTORY, else ~/.local/state/trunk-exporter).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Limits of the HTTP server that serves /metrics and the probes.</summary>
    public ServerOptions Server { get; init; } = new();

    public IList<RepositoryOptions> Repositories { get; init; } = [];
}
