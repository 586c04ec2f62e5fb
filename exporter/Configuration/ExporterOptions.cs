namespace TrunkExporter.Configuration;

/// <summary>The <c>TrunkExporter</c> configuration section (appsettings.json, environment, command line).</summary>
internal sealed class ExporterOptions
{
    public const string SectionName = "TrunkExporter";

    /// <summary>How often every repository is refreshed from its source.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    public IList<RepositoryOptions> Repositories { get; init; } = [];
}
