using TrunkExporter.Configuration;
using TrunkExporter.GitHub;
using TrunkExporter.IssueBridge;

namespace TrunkExporter.Hosting;

/// <summary>
/// Checks the raw configuration before anything is bound: every key under <c>TrunkExporter:</c> must be a
/// setting of an options class bound there, and every value must convert. The binder would drop a
/// list entry it cannot convert (a repository with <c>Window=5O</c>) without a word.
/// </summary>
internal static class ExporterConfiguration
{
    /// <summary>
    /// Every options class bound under <c>TrunkExporter:</c>. An unknown key is refused, not warned about:
    /// a mistyped key would otherwise leave a default in force that the operator believes changed.
    /// A new options section must be added here.
    /// </summary>
    public static ConfigurationShape Shape { get; } =
        ((ConfigurationShape.SectionShape)ConfigurationShape.Of(typeof(ExporterOptions)))
            .With("GitHub", ConfigurationShape.Of(typeof(GitHubOptions)))
            .With("IssueBridge", ConfigurationShape.Of(typeof(IssueBridgeOptions)));

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>(ConfigurationShape.Problems(configuration.GetSection(ExporterOptions.SectionName), Shape));
        if (ListenAddresses.Problem(configuration[WebHostDefaults.ServerUrlsKey]) is { } urls)
        {
            problems.Add(urls);
        }

        return problems;
    }
}
