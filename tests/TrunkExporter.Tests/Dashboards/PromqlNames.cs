using System.Text.RegularExpressions;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>The metric names a dashboard's PromQL reads, so a misspelt one fails a test instead of drawing "No data".</summary>
internal static partial class PromqlNames
{
    /// <summary>Names of selectors (<c>name{...}</c>) plus bare project names (<c>trunk_...</c>, recording rules <c>a:b:c</c>), outside string literals.</summary>
    public static IReadOnlySet<string> MetricNames(string promql)
    {
        var code = StringLiteral().Replace(promql, "\"\"");
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(Selector().Matches(code).Select(match => match.Groups["name"].Value));
        names.UnionWith(ProjectName().Matches(code).Select(match => match.Value));
        return names;
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w:])(?<name>[A-Za-z_:][\w:]*)\s*\{")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(?<![\w:])(?:trunk_\w+|\w+:\w+(?::\w+)*)(?![\w:])")]
    private static partial Regex ProjectName();
}
