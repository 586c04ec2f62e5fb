using System.Diagnostics;
using System.Globalization;
using TrunkExporter.FakeGitHub;
using Xunit.Abstractions;

namespace TrunkExporter.Tests.EndToEnd;

/// <summary>
/// The mission in one run, through the real exporter reading a fake GitHub, Prometheus and
/// Alertmanager (Debian's binaries) on 127.0.0.1: a healthy trunk stays quiet; two jobs failing three commits in a row page
/// P2 with its fingerprint, runbook and dashboard; silences (API v2 and amtool) hold it; seven jobs
/// page P1 and inhibit P2; P1 turns back into P2 after the hysteresis; a dead exporter pages the owning team
/// and does not resolve P2; the restarted exporter's report of a green trunk does.
/// </summary>
public sealed class TrunkAlertLifecycleTests(ITestOutputHelper output)
{
    private const string SecondSource = "source";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    // How long a firing alert must survive its exporter's death (issue 17): at 1 s intervals that is 120
    // evaluations with stale series; the old rules resolved within 2 or 3.
    private static readonly TimeSpan HeldAtLeast = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_broken_trunk_pages_can_be_silenced_escalates_and_resolves()
    {
        const string Token = "e2e-token";
        await using var github = await FakeGitHubServer.StartAsync(ScenarioTrunk.Green(commits: 5, DateTimeOffset.UtcNow), new FakeGitHubOptions { AcceptedToken = Token });
        var trunk = new ScenarioTrunk(github);
        await using var stack = await LocalStack.StartAsync(new StackOptions
        {
            GitHub = new ExporterGitHub(github.ApiBaseUrl, Token),
            RefreshInterval = TimeSpan.FromSeconds(1),
            Interval = TimeSpan.FromSeconds(1),
            GroupWait = TimeSpan.FromSeconds(1),
            GroupInterval = TimeSpan.FromSeconds(1),
            RepeatInterval = TimeSpan.FromSeconds(2),
            AlertFor = TimeSpan.FromSeconds(2),
            Hysteresis = TimeSpan.FromSeconds(3),
        });
        var sink = stack.Sink;

        // Healthy: N is 0 and nothing notifies.
        await stack.Prometheus.WaitUntilAsync("repo_branch:trunk_broken_jobs:count", result => result.Series.Count == 1 && result.Series[0].LastValue == 0, "N = 0 for pytorch/pytorch main", Step);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(sink.Webhooks.Count == 0, $"a healthy trunk notified: {sink.DescribeWebhooks()}");

        // Two jobs fail on two commits: a streak of 2 is not an alert yet.
        trunk.PushMany(commits: 2, failingJobs: 2);
        await stack.Prometheus.WaitUntilAsync("max(trunk_job_failure_streak)", result => result.Series.Count == 1 && result.Series[0].LastValue == 2, "a streak of 2", Step);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(sink.Webhooks.Count == 0, $"a streak of 2 notified: {sink.DescribeWebhooks()}");

        // The third failing commit becomes visible: TrunkBroken (P2) reaches the webhook.
        var visible = Stopwatch.StartNew();
        trunk.Push(failingJobs: 2);
        var broken = await sink.WaitForWebhookAsync(hook => Firing(hook, "TrunkBroken"), Step, "firing TrunkBroken");
        visible.Stop();
        output.WriteLine($"time to alert: {visible.Elapsed.TotalSeconds:F1} s from the third failing commit to the webhook (exporter refresh from the fake GitHub 1 s, scrape and evaluation 1 s, group_wait 1 s)");
        var p2 = AssertTrunkAlert(stack, broken, "TrunkBroken", "dev-infra-ticket", "P2", "warning", "HUD is broken - 3 commits in a row (<=5 jobs failing)", n: 2);
        await AssertRunbookResolvesAsync(p2.Annotations["runbook_url"], "TrunkBroken");
        var rendered = await WaitForMessageAsync(sink, "TrunkBroken");
        Assert.Contains($"Fingerprint: {p2.Fingerprint}", rendered.Text, StringComparison.Ordinal);

        // Issue 14: the notification names the failing jobs (equal streaks by name) and links to the HUD page, which the exporter serves.
        Assert.Equal($"{stack.Exporter.BaseAddress}hud/pytorch/pytorch/main", p2.Annotations["hud_url"]);
        Assert.Contains($"HUD:         {p2.Annotations["hud_url"]}\n", rendered.Text, StringComparison.Ordinal);
        Assert.Contains(
            "Failing jobs (counting towards N, longest streak first):\n"
            + "- pull / linux-jammy-py3.10-gcc11-cfg0 / test (default, linux.4xlarge): streak 3, failing since ",
            rendered.Text,
            StringComparison.Ordinal);
        Assert.Contains("\n- pull / linux-jammy-py3.10-gcc11-cfg1 / test (default, linux.4xlarge): streak 3, failing since ", rendered.Text, StringComparison.Ordinal);
        await AssertHudAnswersAsync(p2.Annotations["hud_url"]);

        // Silenced through the API v2: suppressed, and no notification while it holds, though repeats are due every 2 s.
        var silence = await stack.Alertmanager.CreateSilenceAsync(new Dictionary<string, string> { ["alertname"] = "TrunkBroken", ["repo"] = "pytorch/pytorch" }, TimeSpan.FromHours(1), "e2e: API v2");
        await AssertSilencedAsync(stack, "TrunkBroken", silence);

        // Expiring it brings the notifications back.
        var beforeExpiry = DateTimeOffset.UtcNow;
        await stack.Alertmanager.ExpireSilenceAsync(silence);
        await sink.WaitForWebhookAsync(hook => hook.ReceivedAt > beforeExpiry && Firing(hook, "TrunkBroken"), Step, "TrunkBroken again after the silence expired");

        // The same through amtool.
        var added = await Amtool(stack, "silence", "add", "alertname=TrunkBroken", "repo=pytorch/pytorch", "branch=main", "--duration=1h", "--comment=e2e: amtool", "--author=e2e");
        var amtoolSilence = added.StandardOutput.Trim();
        await AssertSilencedAsync(stack, "TrunkBroken", amtoolSilence);
        var beforeAmtoolExpiry = DateTimeOffset.UtcNow;
        await Amtool(stack, "silence", "expire", amtoolSilence);
        await sink.WaitForWebhookAsync(hook => hook.ReceivedAt > beforeAmtoolExpiry && Firing(hook, "TrunkBroken"), Step, "TrunkBroken again after the amtool silence expired");

        // Seven jobs broken: TrunkBadlyBroken (P1) pages, and a TrunkBroken for the same trunk is inhibited.
        trunk.PushMany(commits: 3, failingJobs: 7);
        var badly = await sink.WaitForWebhookAsync(hook => Firing(hook, "TrunkBadlyBroken"), Step, "firing TrunkBadlyBroken");
        AssertTrunkAlert(stack, badly, "TrunkBadlyBroken", "dev-infra-page", "P1", "critical", "HUD is badly broken - Likely infra related (>5 jobs failing)", n: 7);
        await AssertInhibitedAsync(stack, p2.Labels);

        // Five jobs are fixed: P1 resolves once the (shortened) hysteresis has passed, and P2 is back.
        var beforeFix = DateTimeOffset.UtcNow;
        trunk.Push(failingJobs: 2);
        await sink.WaitForWebhookAsync(hook => Resolved(hook, "TrunkBadlyBroken"), Step, "TrunkBadlyBroken resolved");
        await sink.WaitForWebhookAsync(hook => hook.ReceivedAt > beforeFix && Firing(hook, "TrunkBroken"), Step, "TrunkBroken firing again with N = 2");

        // The exporter dies while P2 fires. Its series go stale at the next scrape, which used to resolve P2
        // within seconds; now N is held (up to 6 h, as shipped), P2 keeps firing, and the exporter-down alert
        // reaches the team that owns the trunk.
        var killed = DateTimeOffset.UtcNow;
        await stack.StopExporterAsync();
        var down = await sink.WaitForWebhookAsync(hook => hook.ReceivedAt > killed && Firing(hook, "TrunkExporterDown"), Step, "firing TrunkExporterDown");
        Assert.Equal("dev-infra-ticket", down.Receiver);
        var downAlert = down.Message.Alerts.First(alert => alert.Labels["alertname"] == "TrunkExporterDown");
        Assert.Equal(("trunk-exporter", "dev-infra"), (downAlert.Labels["job"], downAlert.Labels["team"]));
        await Task.Delay(HeldAtLeast - (DateTimeOffset.UtcNow - killed));
        Assert.DoesNotContain(sink.Webhooks, hook => hook.ReceivedAt > killed && Resolved(hook, "TrunkBroken"));
        var held = await stack.Prometheus.QueryAsync("ALERTS{alertname=\"TrunkBroken\", alertstate=\"firing\", team=\"dev-infra\"}");
        Assert.True(held.Series.Count == 1, $"TrunkBroken is not firing {HeldAtLeast.TotalMinutes} minutes after the exporter died");
        Assert.Contains(sink.Webhooks, hook => hook.ReceivedAt > killed.Add(HeldAtLeast / 2) && Firing(hook, "TrunkBroken"));
        output.WriteLine($"held: TrunkBroken kept firing for {(DateTimeOffset.UtcNow - killed).TotalSeconds:F0} s without its exporter, at 1 s intervals");

        // The trunk turns green meanwhile, and the exporter comes back (a cold start on the same address):
        // the first refresh reports N = 0, and that evidence resolves P2.
        trunk.Push(failingJobs: 0);
        var restarted = DateTimeOffset.UtcNow;
        await stack.RestartExporterAsync();
        await sink.WaitForWebhookAsync(hook => hook.ReceivedAt > restarted && Resolved(hook, "TrunkBroken"), Step, "TrunkBroken resolved once the restarted exporter reports the trunk green");
        await sink.WaitForWebhookAsync(hook => hook.ReceivedAt > restarted && Resolved(hook, "TrunkExporterDown"), Step, "TrunkExporterDown resolved");
    }

    private static bool Firing(ReceivedNotification hook, string alertname) => Has(hook, alertname, "firing");

    private static bool Resolved(ReceivedNotification hook, string alertname) => Has(hook, alertname, "resolved");

    // Only the rule pack's own alerts: the inhibition check posts a second-source one with a `source` label.
    private static bool Has(ReceivedNotification hook, string alertname, string status) => hook.Message.Alerts.Any(alert =>
        alert.Status == status && alert.Labels.GetValueOrDefault("alertname") == alertname && !alert.Labels.ContainsKey(SecondSource));

    private static WebhookAlert AssertTrunkAlert(LocalStack stack, ReceivedNotification hook, string alertname, string receiver, string priority, string severity, string summary, int n)
    {
        Assert.Equal(receiver, hook.Receiver);
        var alert = Assert.Single(hook.Message.Alerts, candidate => candidate.Labels["alertname"] == alertname);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["alertname"] = alertname,
                ["repo"] = "pytorch/pytorch",
                ["branch"] = "main",
                ["team"] = "dev-infra",
                ["priority"] = priority,
                ["severity"] = severity,
            }.OrderBy(pair => pair.Key),
            alert.Labels.OrderBy(pair => pair.Key));
        Assert.Equal(summary, alert.Annotations["summary"]);
        Assert.Contains($"N = {n.ToString(CultureInfo.InvariantCulture)} ", alert.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("pytorch/pytorch", alert.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("(branch main)", alert.Annotations["description"], StringComparison.Ordinal);
        Assert.Contains("extended period", alert.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal($"{stack.Sink.BaseAddress}runbooks/{alertname}.md", alert.Annotations["runbook_url"]);
        Assert.Equal("http://127.0.0.1:3000/d/trunk-health/trunk-health?var-repo=pytorch%2Fpytorch&var-branch=main", alert.Annotations["dashboard_url"]);
        Assert.StartsWith($"{stack.Prometheus.BaseAddress}graph?g0.expr=", alert.GeneratorUrl, StringComparison.Ordinal);
        Assert.Equal(AlertmanagerFingerprint.Of(alert.Labels), alert.Fingerprint);
        Assert.Equal(stack.Alertmanager.ExternalUrl, hook.Message.ExternalUrl);
        return alert;
    }

    private static async Task AssertHudAnswersAsync(string url)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(url));
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {page}");
        Assert.Contains("linux-jammy-py3.10-gcc11-cfg0 / test (default, linux.4xlarge)", page, StringComparison.Ordinal);
    }

    private static async Task AssertRunbookResolvesAsync(string url, string alertname)
    {
        using var http = new HttpClient();
        var runbook = await http.GetStringAsync(new Uri(url));
        Assert.Contains(alertname, runbook, StringComparison.Ordinal);
    }

    private static async Task<RenderedMessage> WaitForMessageAsync(NotificationSink sink, string alertname)
    {
        await BoundedWait.UntilAsync(_ => Task.FromResult(sink.Messages.Any(message => message.Title.Contains(alertname, StringComparison.Ordinal))), Step, () => $"no rendered message for {alertname}");
        return sink.Messages.First(message => message.Title.Contains(alertname, StringComparison.Ordinal));
    }

    private static async Task AssertSilencedAsync(LocalStack stack, string alertname, string silence)
    {
        await BoundedWait.UntilAsync(
            async token => (await stack.Alertmanager.GetAlertsAsync(token)).Any(alert => alert.Name == alertname && alert.State == "suppressed" && alert.SilencedBy.Contains(silence)),
            Step,
            () => $"{alertname} was not suppressed by silence {silence}");
        var silencedAt = DateTimeOffset.UtcNow;

        // Repeats are due every 2 s while it fires; a silenced alert must send none.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(stack.Sink.Webhooks, hook => hook.ReceivedAt > silencedAt && Firing(hook, alertname));
    }

    private static async Task AssertInhibitedAsync(LocalStack stack, IReadOnlyDictionary<string, string> p2Labels)
    {
        // The rule pack never fires both for one trunk (N is either <= 5 or > 5), so the inhibition is a
        // safety net for a second source of TrunkBroken; post one the way a second Prometheus would.
        var since = DateTimeOffset.UtcNow;
        var secondSource = new Dictionary<string, string>(p2Labels) { [SecondSource] = "second-prometheus" };
        await stack.Alertmanager.PostAlertAsync(secondSource, TimeSpan.FromMinutes(5));
        await BoundedWait.UntilAsync(
            async token => (await stack.Alertmanager.GetAlertsAsync(token)).Any(alert =>
                alert.Labels.ContainsKey(SecondSource) && alert.State == "suppressed" && alert.InhibitedBy.Count > 0),
            Step,
            () => "a TrunkBroken for the same repo and branch was not inhibited while TrunkBadlyBroken fired");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(stack.Sink.Webhooks, hook => hook.ReceivedAt > since && hook.Message.Alerts.Any(alert => alert.Status == "firing" && alert.Labels.ContainsKey(SecondSource)));

        // Resolve it, so it cannot notify once the inhibition ends.
        await stack.Alertmanager.PostAlertAsync(secondSource, TimeSpan.Zero);
    }

    private static async Task<ToolResult> Amtool(LocalStack stack, params string[] arguments)
    {
        var result = await ExternalTool.RunAsync("amtool", [$"--alertmanager.url={stack.Alertmanager.ExternalUrl}", .. arguments]);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result;
    }
}
