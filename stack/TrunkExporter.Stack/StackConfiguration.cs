using System.Globalization;
using System.Text.RegularExpressions;

namespace TrunkExporter.Stack;

/// <summary>
/// Copies the shipped rule pack and Alertmanager configuration into the stack's folder, changing
/// only what a local run must change: the notification sink's address (the shipped files name the
/// default 127.0.0.1:9095 in one literal), Alertmanager's grouping delays, and on request the
/// rules' <c>for:</c> durations and the P1/P2 hysteresis range.
/// </summary>
internal static partial class StackConfiguration
{
    public const string ShippedSinkAddress = "http://127.0.0.1:9095";

    /// <summary>The HUD base of the shipped rules (the exporter's default address): hud_url points at the stack's exporter instead.</summary>
    public const string ShippedHudAddress = "http://127.0.0.1:9473";

    public const string HysteresisRule = "max_over_time(repo_branch:trunk_broken_jobs:held[";

    public static IReadOnlyList<string> WriteRules(string directory, Uri sink, Uri hud, TimeSpan? alertFor = null, TimeSpan? hysteresis = null)
    {
        var target = Directory.CreateDirectory(Path.Combine(directory, "rules")).FullName;
        return [.. Directory.GetFiles(RepoPaths.InRepo("alert-rules", "prometheus"), "*.rules.yml").Order(StringComparer.Ordinal).Select(file =>
        {
            var copy = Path.Combine(target, Path.GetFileName(file));
            var rules = File.ReadAllText(file)
                .Replace(ShippedSinkAddress, SinkAddress(sink), StringComparison.Ordinal)
                .Replace(ShippedHudAddress, SinkAddress(hud), StringComparison.Ordinal);
            rules = alertFor is { } duration ? For().Replace(rules, $"${{key}}{Duration(duration)}") : rules;
            rules = hysteresis is { } range ? Hysteresis().Replace(rules, $"${{key}}{Duration(range)}") : rules;
            File.WriteAllText(copy, rules);
            return copy;
        })];
    }

    /// <summary>Null timings keep the shipped values.</summary>
    public static string WriteAlertmanagerConfig(
        string directory,
        Uri sink,
        TimeSpan? groupWait = null,
        TimeSpan? groupInterval = null,
        TimeSpan? repeatInterval = null,
        IssueReceiver? issues = null)
    {
        var source = RepoPaths.InRepo("alert-rules", "alertmanager");
        var target = Directory.CreateDirectory(Path.Combine(directory, "alertmanager")).FullName;
        var templates = Directory.CreateDirectory(Path.Combine(target, "templates")).FullName;
        foreach (var template in Directory.GetFiles(Path.Combine(source, "templates")))
        {
            File.Copy(template, Path.Combine(templates, Path.GetFileName(template)), overwrite: true);
        }

        var config = File.ReadAllText(Path.Combine(source, "alertmanager.yml"))
            .Replace(ShippedSinkAddress, SinkAddress(sink), StringComparison.Ordinal);
        config = Override(config, GroupWait(), groupWait);
        config = Override(config, GroupInterval(), groupInterval);
        config = Override(config, RepeatInterval(), repeatInterval);
        config = issues is null ? config : EnableIssues(config, issues);
        var file = Path.Combine(target, "alertmanager.yml");
        File.WriteAllText(file, config);
        return file;
    }

    /// <summary>
    /// The shipped github-issues route and receiver uncommented, as the configuration's comment says, posting
    /// to <paramref name="issues"/>' webhook with its credentials file.
    /// </summary>
    public static string EnableIssues(string config, IssueReceiver issues)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(issues);
        var lines = config.Split('\n');
        var route = Array.FindIndex(lines, line => line.Contains("# github-issues: one GitHub issue", StringComparison.Ordinal));
        var receiver = Array.FindIndex(lines, line => line.TrimStart().StartsWith("# - name: github-issues", StringComparison.Ordinal));
        if (route < 0 || receiver < route)
        {
            throw new InvalidOperationException("alert-rules/alertmanager/alertmanager.yml no longer has the commented github-issues route and receiver");
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (((i > route && i <= route + 3) || i >= receiver) && lines[i].IndexOf("# ", StringComparison.Ordinal) is var hash and >= 0)
            {
                lines[i] = lines[i].Remove(hash, 2);
            }
        }

        return string.Join('\n', lines)
            .Replace("http://127.0.0.1:9474/alertmanager/webhook", issues.Webhook.ToString(), StringComparison.Ordinal)
            .Replace("/etc/alertmanager/issue-bridge.token", issues.CredentialsFile, StringComparison.Ordinal);
    }

    private static string Override(string config, Regex setting, TimeSpan? value) =>
        value is { } duration ? setting.Replace(config, $"${{key}}{Duration(duration)}") : config;

    private static string SinkAddress(Uri sink) => sink.GetLeftPart(UriPartial.Authority);

    private static string Duration(TimeSpan value) => $"{((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms";

    [GeneratedRegex(@"(?<key>group_wait:\s*)\S+")]
    private static partial Regex GroupWait();

    [GeneratedRegex(@"(?<key>group_interval:\s*)\S+")]
    private static partial Regex GroupInterval();

    [GeneratedRegex(@"(?<key>repeat_interval:\s*)\S+")]
    private static partial Regex RepeatInterval();

    [GeneratedRegex(@"(?<key>^[ \t]+for:[ \t]*)\S+", RegexOptions.Multiline)]
    private static partial Regex For();

    [GeneratedRegex(@"(?<key>max_over_time\(repo_branch:trunk_broken_jobs:held\[)[^\]]+")]
    private static partial Regex Hysteresis();
}
