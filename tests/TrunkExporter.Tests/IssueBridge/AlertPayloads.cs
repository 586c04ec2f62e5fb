using System.Globalization;
using System.Text.Json.Nodes;
using TrunkExporter.Stack;

namespace TrunkExporter.Tests.IssueBridge;

/// <summary>
/// Alertmanager webhook payloads (version 4) for the trunk alerts, built on the recorded notifications in
/// alert-rules/tests/notifications (what Alertmanager 0.25 posts for the rule pack): the same fields,
/// receivers, annotations and time formats, with the fingerprint, times, N and jobs a test needs.
/// </summary>
internal static class AlertPayloads
{
    public const string P2Fingerprint = "9a0c1e2f3b4d5c6e";
    public const string P1Fingerprint = "3f2b8c4d5e6a7b81";

    public static readonly DateTimeOffset Start = new(2026, 11, 18, 9, 30, 0, TimeSpan.Zero);

    public static string Recorded(string name) => File.ReadAllText(Path.Combine(RepoPaths.Root, "alert-rules", "tests", "notifications", name));

    /// <summary>One TrunkBroken (P2) or TrunkBadlyBroken (P1) alert for pytorch/pytorch main.</summary>
    public static string Trunk(
        string priority,
        bool firing,
        int n,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null,
        IReadOnlyList<string>? jobs = null,
        string? fingerprint = null,
        string team = "dev-infra")
    {
        var template = JsonNode.Parse(Recorded(priority == "P1" ? "trunk-badly-broken-firing.json" : "trunk-broken-resolved.json"))!.AsObject();
        var alert = template["alerts"]![0]!.AsObject();
        var labels = alert["labels"]!.AsObject();
        labels["branch"] = "main";
        labels["team"] = team;
        var annotations = alert["annotations"]!.AsObject();
        var description = annotations["description"]!.GetValue<string>().Replace("release/2.5", "main", StringComparison.Ordinal);
        annotations["description"] = System.Text.RegularExpressions.Regex.Replace(description, @"N = \d+", $"N = {n.ToString(CultureInfo.InvariantCulture)}");
        annotations["hud_url"] = "http://127.0.0.1:9473/hud/pytorch/pytorch/main";
        annotations["dashboard_url"] = "http://127.0.0.1:3000/d/trunk-health/trunk-health?var-repo=pytorch%2Fpytorch&var-branch=main";
        var names = jobs ?? Enumerable.Range(1, n).Select(i => $"pull / linux-jammy-py3.10-gcc11 / test (default, {i.ToString(CultureInfo.InvariantCulture)}, 5, linux.2xlarge)").ToList();
        annotations["jobs"] = string.Join('\n', names.Select((name, i) =>
            $"- {name}: streak {(3 + i).ToString(CultureInfo.InvariantCulture)}, failing since 2026-11-18 09:0{i % 10}:00 +0000 UTC, culprit a449dd6ecb1b (#169179), range f6b46e65122e..a449dd6ecb1b (1 commit), log https://github.com/pytorch/pytorch/actions/runs/1/job/{i.ToString(CultureInfo.InvariantCulture)}"));
        alert["status"] = firing ? "firing" : "resolved";
        alert["startsAt"] = Time(startsAt ?? Start);
        alert["endsAt"] = firing ? "0001-01-01T00:00:00Z" : Time(endsAt ?? (startsAt ?? Start).AddHours(2));
        alert["fingerprint"] = fingerprint ?? (priority == "P1" ? P1Fingerprint : P2Fingerprint);
        template["status"] = firing ? "firing" : "resolved";
        template["commonLabels"] = labels.DeepClone();
        template["groupLabels"]!["branch"] = "main";
        template["version"] ??= "4";
        template["groupKey"] ??= $"{{}}/{{team=\"{team}\"}}:{{alertname=\"{labels["alertname"]}\", branch=\"main\", repo=\"pytorch/pytorch\"}}";
        template["truncatedAlerts"] ??= 0;
        return template.ToJsonString();
    }

    /// <summary>Several payloads' alerts in one notification (Alertmanager groups alerts that share group labels).</summary>
    public static string Group(params string[] payloads)
    {
        var first = JsonNode.Parse(payloads[0])!.AsObject();
        var alerts = first["alerts"]!.AsArray();
        foreach (var other in payloads.Skip(1))
        {
            alerts.Add(JsonNode.Parse(other)!["alerts"]![0]!.DeepClone());
        }

        return first.ToJsonString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
