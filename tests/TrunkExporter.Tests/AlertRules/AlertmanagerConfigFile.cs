using YamlDotNet.RepresentationModel;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>The parts of alert-rules/alertmanager/alertmanager.yml that the tests look at, as plain data.</summary>
internal sealed record AlertmanagerConfigFile(
    IReadOnlyList<string> Templates,
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<AlertmanagerInhibitRule> InhibitRules,
    IReadOnlyList<AlertmanagerReceiver> Receivers)
{
    public static AlertmanagerConfigFile Load() => Parse(File.ReadAllText(AlertPack.AlertmanagerConfig), "alertmanager.yml");

    /// <summary>A key the tests need but the file lacks fails an assertion that names it, not a KeyNotFoundException.</summary>
    public static AlertmanagerConfigFile Parse(string yaml, string name)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var route = Child<YamlMappingNode>(root, "route", name);
        return new AlertmanagerConfigFile(
            Strings(Child<YamlSequenceNode>(root, "templates", name)),
            Strings(Child<YamlSequenceNode>(route, "group_by", $"{name}: route")),
            [.. Child<YamlSequenceNode>(root, "inhibit_rules", name).Cast<YamlMappingNode>().Select((rule, index) =>
            {
                var where = $"{name}: inhibit_rules[{index}]";
                return new AlertmanagerInhibitRule(
                    Strings(Child<YamlSequenceNode>(rule, "source_matchers", where)),
                    Strings(Child<YamlSequenceNode>(rule, "target_matchers", where)),
                    Strings(Child<YamlSequenceNode>(rule, "equal", where)));
            })],
            [.. Child<YamlSequenceNode>(root, "receivers", name).Cast<YamlMappingNode>().Select((receiver, index) => Receiver(receiver, $"{name}: receivers[{index}]"))]);
    }

    private static AlertmanagerReceiver Receiver(YamlMappingNode receiver, string where)
    {
        var webhooks = Child<YamlSequenceNode>(receiver, "webhook_configs", where).Cast<YamlMappingNode>().ToList();
        var slack = Child<YamlSequenceNode>(receiver, "slack_configs", where).Cast<YamlMappingNode>().Single();
        return new AlertmanagerReceiver(
            Scalar(receiver, "name"),
            [.. webhooks.Select(webhook => Scalar(webhook, "url"))],
            Scalar(slack, "api_url"),
            Scalar(slack, "title"),
            Scalar(slack, "text"),
            webhooks.All(webhook => Scalar(webhook, "send_resolved") == "true") && Scalar(slack, "send_resolved") == "true");
    }

    private static T Child<T>(YamlMappingNode node, string key, string where)
        where T : YamlNode
    {
        if (!node.Children.TryGetValue(key, out var value))
        {
            Assert.Fail($"{where} has no '{key}'");
        }

        return value as T ?? throw new Xunit.Sdk.XunitException($"{where}: '{key}' is a {value.NodeType}, not a {typeof(T).Name[4..^4].ToLowerInvariant()}");
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value ?? string.Empty : string.Empty;

    private static string[] Strings(YamlNode node) =>
        [.. ((YamlSequenceNode)node).Cast<YamlScalarNode>().Select(item => item.Value ?? string.Empty)];
}

internal sealed record AlertmanagerInhibitRule(IReadOnlyList<string> SourceMatchers, IReadOnlyList<string> TargetMatchers, IReadOnlyList<string> Equal);

/// <summary>A receiver: its raw webhooks and the Slack-style config that carries the rendered templates.</summary>
internal sealed record AlertmanagerReceiver(
    string Name,
    IReadOnlyList<string> WebhookUrls,
    string RenderedUrl,
    string RenderedTitle,
    string RenderedText,
    bool SendsResolved);
