using System.Text.Json;
using System.Text.RegularExpressions;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>Every PromQL expression the rule pack, its runbooks and the dashboards contain, with where it is.</summary>
internal static partial class PromQlSources
{
    public static IEnumerable<(string Where, string Expression)> RuleExpressions() =>
        AlertPack.Rules.Select(rule => ($"{Path.GetFileName(rule.File)} {rule.Name} expr", rule.Expr));

    /// <summary>The queries that annotation templates run (<c>query "..."</c>, possibly built with printf).</summary>
    public static IEnumerable<(string Where, string Expression)> AnnotationQueries() =>
        from rule in AlertPack.Alerts
        from annotation in rule.Annotations
        from Match match in TemplateQuery().Matches(annotation.Value)
        select ($"{Path.GetFileName(rule.File)} {rule.Name} annotation {annotation.Key}", Regex.Unescape(match.Groups[1].Value));

    public static IEnumerable<(string Where, string Expression)> RunbookExpressions() =>
        from file in AlertPack.RunbookFiles
        from Match block in PromQlBlock().Matches(File.ReadAllText(file))
        from expression in SplitBlock(block.Groups[1].Value)
        select ($"runbooks/{Path.GetFileName(file)}", expression);

    public static IEnumerable<(string Where, string Expression)> DashboardExpressions()
    {
        var directory = RepoPaths.InRepo("grafana-dashboards");
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var expression in Queries(document.RootElement))
            {
                yield return (Path.GetRelativePath(RepoPaths.Root, file), expression);
            }
        }
    }

    /// <summary>Expressions of a ```promql block are separated by blank lines or comment lines.</summary>
    public static IEnumerable<string> SplitBlock(string block)
    {
        var current = new List<string>();
        foreach (var line in block.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                if (current.Count > 0)
                {
                    yield return string.Join('\n', current);
                    current.Clear();
                }

                continue;
            }

            current.Add(line);
        }

        if (current.Count > 0)
        {
            yield return string.Join('\n', current);
        }
    }

    private static IEnumerable<string> Queries(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            // A variable's "query" is PromQL only for query variables (not datasource, custom, interval...).
            var queryIsPromQl = !element.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String
                || type.GetString() is "query" or "prometheus";
            foreach (var property in element.EnumerateObject())
            {
                var isQuery = property.NameEquals("expr") || (property.NameEquals("query") && queryIsPromQl);
                if (isQuery && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } query)
                {
                    yield return query;
                }
                else
                {
                    foreach (var nested in Queries(property.Value))
                    {
                        yield return nested;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var nested in Queries(item))
                {
                    yield return nested;
                }
            }
        }
    }

    [GeneratedRegex(@"\b(?:query|printf)\s+""((?:\\.|[^""\\])*)""")]
    private static partial Regex TemplateQuery();

    [GeneratedRegex("```promql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PromQlBlock();
}
