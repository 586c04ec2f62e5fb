using System.Globalization;
using System.Text;

namespace TrunkExporter.IssueBridge;

/// <summary>The texts the bridge writes to GitHub: pure functions of the alert, so that golden tests pin them.</summary>
internal static class IssueText
{
    /// <summary>GitHub refuses an issue or comment body above 65,536 characters; annotations are cut well before.</summary>
    private const int MaxAnnotationChars = 20_000;

    private static readonly string[] SilenceMatchers = ["alertname", "repo", "branch"];

    public const string MarkerPrefix = "<!-- trunk-exporter-fingerprint: ";

    /// <summary>The hidden line by which the bridge finds its own issue for a fingerprint again.</summary>
    public static string Marker(string fingerprint) => $"{MarkerPrefix}{fingerprint} -->";

    /// <summary>The hidden line by which the bridge finds a comment it may have posted before a failure.</summary>
    public static string CommentMarker(string key) => $"<!-- trunk-exporter-comment: {key} -->";

    /// <summary><c>[P2] HUD is broken - 3 commits in a row (&lt;=5 jobs failing) - pytorch/pytorch main</c>.</summary>
    public static string Title(BridgeAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var summary = alert.Annotation("summary") is { Length: > 0 } text ? text : alert.Label("alertname");
        var where = string.Join(' ', new[] { alert.Label("repo"), alert.Label("branch") }.Where(part => part.Length > 0));
        var title = where.Length > 0 ? $"[{alert.Priority}] {summary} - {where}" : $"[{alert.Priority}] {summary}";
        return title.Length <= 256 ? title : title[..255] + "…";
    }

    /// <summary>The configured label templates with the alert's labels filled in, then the source label; no duplicates.</summary>
    public static IReadOnlyList<string> Labels(BridgeAlert alert, IReadOnlyList<string> templates, string sourceLabel)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(templates);
        var labels = new List<string>();
        foreach (var template in templates)
        {
            var label = template
                .Replace("{priority}", alert.Priority, StringComparison.Ordinal)
                .Replace("{team}", Or(alert.Label("team"), "unassigned"), StringComparison.Ordinal)
                .Replace("{alertname}", alert.Label("alertname"), StringComparison.Ordinal)
                .Replace("{repo}", alert.Label("repo"), StringComparison.Ordinal)
                .Replace("{branch}", alert.Label("branch"), StringComparison.Ordinal);
            label = label.Length > 50 ? label[..50] : label;
            if (label.Length > 0 && !labels.Contains(label, StringComparer.OrdinalIgnoreCase))
            {
                labels.Add(label);
            }
        }

        if (!labels.Contains(sourceLabel, StringComparer.OrdinalIgnoreCase))
        {
            labels.Add(sourceLabel);
        }

        return labels;
    }

    /// <param name="escalatedFrom">The open P2 issue this P1 escalates.</param>
    /// <param name="previous">The issue of this alert's previous occurrence.</param>
    public static string Body(BridgeAlert alert, string? alertmanagerUrl, int? escalatedFrom, int? previous)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var text = new StringBuilder();
        text.Append("**State:** firing since ").Append(Time(alert.StartsAt)).Append('\n');
        text.Append("**Priority:** ").Append(alert.Priority)
            .Append(" · **Team:** ").Append(Or(alert.Label("team"), "unassigned"))
            .Append(" · **Repository:** ").Append(Or(alert.Label("repo"), "?"))
            .Append(" · **Branch:** ").Append(Or(alert.Label("branch"), "?"))
            .Append(" · **Alert:** ").Append(alert.Label("alertname")).Append("\n\n");
        if (escalatedFrom is { } p2)
        {
            text.Append("Escalated from #").Append(p2.ToString(CultureInfo.InvariantCulture)).Append(" (P2).\n\n");
        }

        if (previous is { } earlier)
        {
            text.Append("Previous occurrence: #").Append(earlier.ToString(CultureInfo.InvariantCulture)).Append(".\n\n");
        }

        if (alert.Annotation("description") is { Length: > 0 } description)
        {
            text.Append(Untrusted(description)).Append("\n\n");
        }

        if (alert.Annotation("jobs") is { Length: > 0 } jobs)
        {
            text.Append("### Failing jobs\n\n").Append(Untrusted(jobs)).Append("\n\n");
        }

        text.Append("### Links\n\n");
        Link(text, "Runbook", alert.Annotation("runbook_url"));
        Link(text, "Dashboard", alert.Annotation("dashboard_url"));
        Link(text, "HUD", alert.Annotation("hud_url"));
        if (alertmanagerUrl is { Length: > 0 })
        {
            Link(text, "Silence", $"{alertmanagerUrl.TrimEnd('/')}/#/silences/new?filter={Uri.EscapeDataString(Filter(alert))}");
        }

        Link(text, "Alert expression", alert.GeneratorUrl ?? string.Empty);
        text.Append("\nSilence it from a shell:\n\n```sh\n").Append(Amtool(alert, alertmanagerUrl)).Append("\n```\n\n");
        text.Append("This issue is kept by trunk-exporter issue-bridge: it is commented on when N, the failing jobs or the priority change, ")
            .Append("and closed when the alert resolves. Closing it by hand stops that for this occurrence.\n\n");
        text.Append(Marker(alert.Fingerprint)).Append('\n');
        return text.ToString();
    }

    public static string Update(AlertFacts before, AlertFacts now, string key)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var text = new StringBuilder("Still firing");
        if (before.N != now.N)
        {
            text.Append(": N ").Append(before.N?.ToString(CultureInfo.InvariantCulture) ?? "?").Append(" → ").Append(now.N?.ToString(CultureInfo.InvariantCulture) ?? "?");
        }

        if (before.Priority != now.Priority)
        {
            text.Append(", priority ").Append(before.Priority).Append(" → ").Append(now.Priority);
        }

        text.Append(".\n");
        var added = now.Jobs.Except(before.Jobs, StringComparer.Ordinal).ToList();
        var removed = before.Jobs.Except(now.Jobs, StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            text.Append("\nNewly failing:\n").AppendJoin(string.Empty, added.Select(job => $"- {Untrusted(job)}\n"));
        }

        if (removed.Count > 0)
        {
            text.Append("\nNo longer failing:\n").AppendJoin(string.Empty, removed.Select(job => $"- {Untrusted(job)}\n"));
        }

        return text.Append('\n').Append(CommentMarker(key)).Append('\n').ToString();
    }

    public static string Escalated(int p1, string key) =>
        $"Escalated to P1: #{p1.ToString(CultureInfo.InvariantCulture)}.\n\n{CommentMarker(key)}\n";

    public static string Resolved(DateTimeOffset startsAt, DateTimeOffset endsAt, string key) =>
        $"Resolved at {Time(endsAt)} after {Duration(endsAt - startsAt)} (firing since {Time(startsAt)}).\n\n{CommentMarker(key)}\n";

    public static string ResolvedUnseen(DateTimeOffset startsAt, DateTimeOffset noticed, string why, string key) =>
        $"Resolved: {why}. Noticed at {Time(noticed)}, {Duration(noticed - startsAt)} after it started firing ({Time(startsAt)}).\n\n{CommentMarker(key)}\n";

    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration.TotalDays >= 1 ? $"{(int)duration.TotalDays}d {duration.Hours}h {duration.Minutes}m"
            : duration.TotalHours >= 1 ? $"{(int)duration.TotalHours}h {duration.Minutes}m"
            : $"{duration.Minutes}m {duration.Seconds}s";
    }

    public static string Amtool(BridgeAlert alert, string? alertmanagerUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var matchers = string.Join(' ', SilenceLabels(alert).Select(pair => $"'{pair.Key}=\"{Shell(pair.Value)}\"'"));
        var url = alertmanagerUrl is { Length: > 0 } ? $" --alertmanager.url={alertmanagerUrl.TrimEnd('/')}" : string.Empty;
        return $"amtool silence add{url} --duration=2h --comment='working on it' {matchers}";
    }

    private static IEnumerable<KeyValuePair<string, string>> SilenceLabels(BridgeAlert alert) =>
        SilenceMatchers.Where(alert.Labels.ContainsKey).Select(name => new KeyValuePair<string, string>(name, alert.Labels[name]));

    private static string Filter(BridgeAlert alert) =>
        "{" + string.Join(',', SilenceLabels(alert).Select(pair => $"{pair.Key}=\"{pair.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"")) + "}";

    private static string Shell(string value) => value.Replace("'", "'\\''", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static void Link(StringBuilder text, string name, string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            text.Append("- ").Append(name).Append(": ").Append(uri.AbsoluteUri).Append('\n');
        }
    }

    /// <summary>Annotation text, bounded, unable to forge the bridge's hidden markers.</summary>
    private static string Untrusted(string text)
    {
        var safe = text.Replace("<!--", "&lt;!--", StringComparison.Ordinal);
        return safe.Length <= MaxAnnotationChars ? safe : safe[..MaxAnnotationChars] + "\n… (cut)";
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
