using System.Text.RegularExpressions;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>Grafana's template syntax as it appears in dashboard JSON: finding variable references and expanding them.</summary>
internal static partial class GrafanaTemplate
{
    /// <summary>Names Grafana defines itself (global, time-range and data-link variables).</summary>
    private static readonly HashSet<string> BuiltIns = new(StringComparer.Ordinal)
    {
        "__all", "__interval", "__interval_ms", "__rate_interval", "__rate_interval_ms", "__range", "__range_s", "__range_ms",
        "__from", "__to", "__now", "__timezone", "__dashboard", "__org", "__user", "__url_time_range", "__all_variables",
        "__data", "__field", "__series", "__value", "__name",
    };

    public static bool IsBuiltIn(string name) => BuiltIns.Contains(name);

    /// <summary><c>$1</c> in a PromQL <c>label_replace</c> replacement is a regex group, not a variable.</summary>
    public static bool IsRegexGroup(string name) => name.All(char.IsAsciiDigit);

    /// <summary>The variable names referenced as <c>$name</c>, <c>${name}</c>, <c>${name:format}</c>, <c>${name.path}</c> or <c>[[name]]</c>.</summary>
    public static IEnumerable<string> References(string text) =>
        Reference().Matches(text).Select(match => match.Groups["name"].Value);

    /// <summary>Replaces every variable reference with its value; a reference without a value is an error, regex groups stay.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> values) =>
        Reference().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            if (IsRegexGroup(name))
            {
                return match.Value;
            }

            return values.TryGetValue(name, out var value)
                ? value
                : throw new InvalidOperationException($"No value for ${name} in: {text}");
        });

    /// <summary>How Grafana escapes a value of a multi-value or include-all variable inside a PromQL regex matcher.</summary>
    public static string PrometheusRegexEscape(string value) =>
        RegexSpecial().Replace(value.Replace("\\", "\\\\\\\\", StringComparison.Ordinal), @"\\$&");

    [GeneratedRegex(@"\$\{(?<name>\w+)(?:\.[^:}]*)?(?::[^}]*)?\}|\[\[(?<name>\w+)(?::[^\]]*)?\]\]|\$(?<name>\w+)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"[$^*{}\[\]'+?.()|]")]
    private static partial Regex RegexSpecial();
}
