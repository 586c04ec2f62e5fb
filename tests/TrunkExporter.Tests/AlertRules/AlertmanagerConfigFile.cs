using YamlDotNet.RepresentationModel;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>The parts of alert-rules/alertmanager/alertmanager.yml that the tests look at, as plain data.</summary>
internal sealed record AlertmanagerConfigFile(
    IReadOnlyList<string> Templates,
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<AlertmanagerInhibitRule> InhibitRules,
    IReadOnlyList<AlertmanagerReceiver> Receivers)
{
    public static AlertmanagerConfigFile Load()
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(AlertPack.AlertmanagerConfig)))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var route = (YamlMappingNode)root["route"];
        return new AlertmanagerConfigFile(
            Strings(root["templates"]),
            Strings(route["group_by"]),
            [.. ((YamlSequenceNode)root["inhibit_rules"]).Cast<YamlMappingNode>().Select(rule => new AlertmanagerInhibitRule(
                Strings(rule["source_matchers"]), Strings(rule["target_matchers"]), Strings(rule["equal"])))],
            [.. ((YamlSequenceNode)root["receivers"]).Cast<YamlMappingNode>().Select(Receiver)]);
    }

    private static AlertmanagerReceiver Receiver(YamlMappingNode receiver)
    {
        var webhooks = ((YamlSequenceNode)receiver["webhook_configs"]).Cast<YamlMappingNode>().ToList();
        var slack = ((YamlSequenceNode)receiver["slack_configs"]).Cast<YamlMappingNode>().Single();
        return new AlertmanagerReceiver(
            Scalar(receiver, "name"),
            [.. webhooks.Select(webhook => Scalar(webhook, "url"))],
            Scalar(slack, "api_url"),
            Scalar(slack, "title"),
            Scalar(slack, "text"),
            webhooks.All(webhook => Scalar(webhook, "send_resolved") == "true") && Scalar(slack, "send_resolved") == "true");
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
