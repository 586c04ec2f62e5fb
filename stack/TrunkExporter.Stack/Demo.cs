using System.Globalization;

namespace TrunkExporter.Stack;

/// <summary>Brings the stack up on a sample trunk, says where to look, and prints every notification until stopped.</summary>
internal static class Demo
{
    public static async Task<int> RunAsync(string snapshot, TextWriter output, CancellationToken stop) =>
        await RunAsync(snapshot, output, issues: false, stop).ConfigureAwait(false);

    /// <param name="issues">Also the issue bridge and the fake GitHub (ISSUES=1): print every issue it files or changes.</param>
    public static async Task<int> RunAsync(string snapshot, TextWriter output, bool issues, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(snapshot))
        {
            throw new FileNotFoundException($"no snapshot file {snapshot}: pass one of samples/*.json, or record one with 'trunk-exporter record'");
        }

        var print = TextWriter.Synchronized(output);
        await print.WriteLineAsync($"Starting the trunk stack on {snapshot} (times shifted so the newest commit is now)...").ConfigureAwait(false);
        if (issues)
        {
            return await RunWithIssuesAsync(snapshot, print, stop).ConfigureAwait(false);
        }

        await using var stack = await LocalStack.StartAsync(
            new StackOptions { SnapshotFile = snapshot },
            message => print.Write(Format(message)),
            stop).ConfigureAwait(false);

        await print.WriteAsync(Describe(stack)).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await print.WriteLineAsync("Stopping the exporter, Prometheus, Alertmanager and the sink...").ConfigureAwait(false);
        }

        return 0;
    }

    public static string Describe(LocalStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var options = stack.Options;
        var repo = Uri.EscapeDataString(options.Repo);
        var n = Uri.EscapeDataString("repo_branch:trunk_broken_jobs:count");
        var am = stack.Alertmanager.ExternalUrl;
        return string.Create(CultureInfo.InvariantCulture, $"""

            The trunk stack is up ({options.Repo} branch {options.Branch}, team {options.Team}):
              HUD            {stack.Exporter.BaseAddress}hud/{options.Repo}/{options.Branch}   (the commit x job grid; the notifications link to it)
              exporter       {stack.Exporter.BaseAddress}metrics
              prometheus     {stack.Prometheus.BaseAddress}alerts   N: {stack.Prometheus.BaseAddress}graph?g0.expr={n}
              alertmanager   {am}/api/v2/alerts   (Debian's build has no web UI: use amtool)
              runbooks       {stack.Sink.BaseAddress}runbooks/TrunkBroken.md
              dashboard      {RulePack.LocalGrafana}d/trunk-health/trunk-health?var-repo={repo}&var-branch={options.Branch}  (load grafana-dashboards/ into a Grafana)
              config         {stack.Directory}

            See the alerts:
              amtool --alertmanager.url={am} alert query
            Silence the P2 alert for 2 hours:
              amtool --alertmanager.url={am} silence add alertname=TrunkBroken repo={options.Repo} branch={options.Branch} --duration=2h --comment="demo"

            A broken sample notifies within about {(options.RefreshInterval + 2 * options.Interval + options.GroupWait).TotalSeconds:F0} s (TrunkBroken for the P2 sample, TrunkBadlyBroken for P1);
            notifications print below, as the templates render them.
            Ctrl-C stops everything.

            """);
    }

    private static async Task<int> RunWithIssuesAsync(string snapshot, TextWriter print, CancellationToken stop)
    {
        await using var demo = await IssueDemo.StartAsync(
            new StackOptions { SnapshotFile = snapshot },
            message => print.Write(Format(message)),
            line => print.WriteLine(line),
            stop).ConfigureAwait(false);
        await print.WriteAsync(Describe(demo.Stack)).ConfigureAwait(false);
        await print.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            With ISSUES=1, Alertmanager's github-issues receiver posts to the issue bridge:
              issue bridge   {demo.BridgeAddress}metrics   (POST {demo.BridgeAddress}alertmanager/webhook, bearer secret required)
              fake GitHub    {demo.GitHub.ApiBaseUrl}/repos/{IssueDemo.IssueRepository}/issues
            Every issue it files or changes in {IssueDemo.IssueRepository} prints below.

            """)).ConfigureAwait(false);

        var shown = new Dictionary<int, string>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var issue in demo.GitHub.IssuesOf(IssueDemo.IssueRepository))
                {
                    var state = $"{issue.State}/{issue.Comments.Count}";
                    if (!shown.TryGetValue(issue.Number, out var seen) || seen != state)
                    {
                        shown[issue.Number] = state;
                        await print.WriteAsync(IssueDemo.Describe(issue)).ConfigureAwait(false);
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            await print.WriteLineAsync("Stopping the exporter, Prometheus, Alertmanager, the sink, the issue bridge and the fake GitHub...").ConfigureAwait(false);
        }

        return 0;
    }

    private static string Format(RenderedMessage message) => string.Create(CultureInfo.InvariantCulture,
        $"""
        ---- notification to {message.Receiver} at {message.ReceivedAt:HH:mm:ss} ----
        {message.Title}
        {message.Text.TrimEnd()}

        """);
}
