using System.Text.RegularExpressions;

namespace TrunkExporter.Tests.Support;

/// <summary>
/// The metric names a PromQL expression selects. Not a parser (promtool checks syntax): it blanks
/// out everything that is not a metric name (strings, label matchers, ranges, grouping label
/// lists, comments, Grafana variables) and keeps the identifiers that are neither functions,
/// aggregations nor keywords.
/// </summary>
internal static partial class PromQlNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
        "group_left", "group_right", "inf", "nan", "Inf", "NaN", "atan2",
    };

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = Comment().Replace(expression, " ");
        text = StringLiteral().Replace(text, " ");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");

        // After the braces are gone, so that a selector's commas cannot hide the label argument.
        text = LabelValuesCall().Replace(text, "$1");
        text = GroupingLabels().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(text))
        {
            if (!match.Groups["call"].Success && !Keywords.Contains(match.Groups["name"].Value))
            {
                names.Add(match.Groups["name"].Value);
            }
        }

        return names;
    }

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    // Grafana's variable query label_values(selector, label): the label is not a metric.
    [GeneratedRegex(@"\blabel_values\s*\(([^,()]*),\s*\w+\s*\)")]
    private static partial Regex LabelValuesCall();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")]
    private static partial Regex GroupingLabels();

    // Not after a digit, letter, dot or '$': that would be a number (1e3, 0x1f, 5m) or a variable;
    // not after '%': a printf verb of an annotation template's query (%s, %q, %v).
    [GeneratedRegex(@"(?<![\w:.$%])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
