using YamlDotNet.RepresentationModel;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>Reads Prometheus rule files (groups of rules) as plain data; promtool checks their validity.</summary>
internal static class RuleFileReader
{
    public static IReadOnlyList<PrometheusRule> Read(IEnumerable<string> files) =>
        [.. files.SelectMany(file => Parse(file, File.ReadAllText(file)))];

    public static IReadOnlyList<PrometheusRule> Parse(string file, string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var rules = new List<PrometheusRule>();
        foreach (var group in ((YamlSequenceNode)root.Children["groups"]).Cast<YamlMappingNode>())
        {
            var groupName = Scalar(group, "name") ?? string.Empty;
            foreach (var rule in ((YamlSequenceNode)group.Children["rules"]).Cast<YamlMappingNode>())
            {
                rules.Add(new PrometheusRule(
                    file,
                    groupName,
                    Scalar(rule, "record"),
                    Scalar(rule, "alert"),
                    Scalar(rule, "expr") ?? string.Empty,
                    Scalar(rule, "for"),
                    Map(rule, "labels"),
                    Map(rule, "annotations")));
            }
        }

        return rules;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    private static Dictionary<string, string> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value)
            ? ((YamlMappingNode)value).Children.ToDictionary(
                pair => ((YamlScalarNode)pair.Key).Value ?? string.Empty,
                pair => ((YamlScalarNode)pair.Value).Value ?? string.Empty,
                StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
