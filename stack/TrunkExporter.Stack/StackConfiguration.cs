using System.Globalization;
using System.Text.RegularExpressions;

namespace TrunkExporter.Stack;

/// <summary>
/// Renders the rule pack and Alertmanager configuration into the stack's folder through the mixin,
/// with the stack's own base URLs (<see cref="RulePack.StackSettings"/>), then changes only what a
/// local run must change on top: Alertmanager's grouping delays, and on request the rules'
/// <c>for:</c> durations and the P1/P2 hysteresis range.
/// </summary>
internal static partial class StackConfiguration
{
    public const string HysteresisRule = "max_over_time(repo_branch:trunk_broken_jobs:held[";

    public static async Task<IReadOnlyList<string>> WriteRulesAsync(
        string directory, Uri sink, Uri hud, TimeSpan? alertFor = null, TimeSpan? hysteresis = null, CancellationToken cancellationToken = default)
    {
        var rendered = await RenderAsync(directory, sink, hud, cancellationToken).ConfigureAwait(false);
        var target = Directory.CreateDirectory(Path.Combine(directory, "rules")).FullName;
        return [.. Directory.GetFiles(Path.Combine(rendered, "alert-rules", "prometheus"), "*.rules.yml").Order(StringComparer.Ordinal).Select(file =>
        {
            var copy = Path.Combine(target, Path.GetFileName(file));
            var rules = File.ReadAllText(file);
            rules = alertFor is { } duration ? For().Replace(rules, $"${{key}}{Duration(duration)}") : rules;
            rules = hysteresis is { } range ? Hysteresis().Replace(rules, $"${{key}}{Duration(range)}") : rules;
            File.WriteAllText(copy, rules);
            return copy;
        })];
    }

    /// <summary>The mixin's files rendered with the stack's bases, under directory/pack; returns that folder.</summary>
    public static async Task<string> RenderAsync(string directory, Uri sink, Uri hud, CancellationToken cancellationToken = default)
    {
        var root = Directory.CreateDirectory(Path.Combine(directory, "pack")).FullName;
        await RulePack.RenderAsync(root, RulePack.StackSettings(sink, hud), cancellationToken).ConfigureAwait(false);
        return root;
    }

    /// <summary>Null timings keep the shipped values.</summary>
    public static async Task<string> WriteAlertmanagerConfigAsync(
        string directory,
        Uri sink,
        TimeSpan? groupWait = null,
        TimeSpan? groupInterval = null,
        TimeSpan? repeatInterval = null,
        IssueReceiver? issues = null,
        CancellationToken cancellationToken = default)
    {
        // The HUD base does not reach the Alertmanager configuration: the sink stands in for it.
        var rendered = await RenderAsync(directory, sink, sink, cancellationToken).ConfigureAwait(false);
        var source = RepoPaths.InRepo("alert-rules", "alertmanager");
        var target = Directory.CreateDirectory(Path.Combine(directory, "alertmanager")).FullName;
        var templates = Directory.CreateDirectory(Path.Combine(target, "templates")).FullName;
        foreach (var template in Directory.GetFiles(Path.Combine(source, "templates")))
        {
            File.Copy(template, Path.Combine(templates, Path.GetFileName(template)), overwrite: true);
        }

        var config = await File.ReadAllTextAsync(Path.Combine(rendered, "alert-rules", "alertmanager", "alertmanager.yml"), cancellationToken).ConfigureAwait(false);
        config = Override(config, GroupWait(), groupWait);
        config = Override(config, GroupInterval(), groupInterval);
        config = Override(config, RepeatInterval(), repeatInterval);
        config = issues is null ? config : EnableIssues(config, issues);
        var file = Path.Combine(target, "alertmanager.yml");
        await File.WriteAllTextAsync(file, config, cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>
    /// The complete configuration with the github-issues receiver of the snippet (alert-rules/alertmanager/snippet.yml)
    /// enabled: a first root route that sends the trunk alerts to the issue bridge and, with continue: true, on to
    /// the team routes; the receiver posts to <paramref name="issues"/>' webhook with its bearer credentials file.
    /// </summary>
    public static string EnableIssues(string config, IssueReceiver issues)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(issues);
        const string Routes = "\nroute:\n";
        var route = config.IndexOf(Routes, StringComparison.Ordinal);
        var routes = route < 0 ? -1 : config.IndexOf("\n  routes:\n", route, StringComparison.Ordinal);
        var receivers = config.IndexOf("\nreceivers:\n", StringComparison.Ordinal);
        if (routes < 0 || receivers < routes)
        {
            throw new InvalidOperationException("the rendered alertmanager.yml no longer has route.routes and receivers where the stack expects them");
        }

        var at = routes + "\n  routes:\n".Length;
        config = config[..at]
            + "    - matchers: ['alertname=~\"TrunkBroken|TrunkBadlyBroken\"']\n"
            + "      receiver: github-issues\n"
            + "      continue: true\n"
            + config[at..];
        return config.TrimEnd('\n') + "\n" + string.Create(CultureInfo.InvariantCulture, $"""
              - name: github-issues
                webhook_configs:
                  - url: {issues.Webhook}
                    send_resolved: true
                    max_alerts: 0
                    http_config:
                      authorization:
                        type: Bearer
                        credentials_file: {issues.CredentialsFile}

            """);
    }

    private static string Override(string config, Regex setting, TimeSpan? value) =>
        value is { } duration ? setting.Replace(config, $"${{key}}{Duration(duration)}") : config;

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
