using System.Globalization;
using Xunit.Abstractions;

namespace TrunkExporter.Tests.HighAvailability;

/// <summary>
/// The alert pack on two of everything (issue 15), through the real exporter, Prometheus and
/// Alertmanager binaries on 127.0.0.1, under faults: one notification per group whichever
/// Alertmanager sends it, silences shared by gossip, and no flap or resolution when an exporter,
/// an Alertmanager or a Prometheus dies. Repeat intervals are the shipped hours, so every second
/// notification of a group within a test is a duplicate; each count runs over a window longer than
/// the Alertmanager peer timeout (the delay of the second member's send) plus grouping.
/// Kept out of `make test` for its length: `make test-ha` runs it.
/// </summary>
[Trait("Category", "HighAvailability")]
public sealed class HighAvailabilityTests(HaStackFixture fixture, ITestOutputHelper output) : IClassFixture<HaStackFixture>
{
    // Every wait is bounded; the bounds are generous because the machine is shared and loaded.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    // Two group intervals (10 s) and more: the second member's send, 5 s (the peer timeout) after the
    // first one's, and its next flush both fall inside.
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromSeconds(25);

    private HaStack Stack => fixture.Stack;

    private NotificationSink Sink => fixture.Stack.Sink;

    [Fact]
    public async Task A_P2_incident_notifies_once_per_group_and_resolves_once()
    {
        var trunk = await BeginAsync("ha/one-page");

        var incident = DateTimeOffset.UtcNow;
        trunk.Push(commits: 3, failingJobs: 2);
        var first = await WaitForAsync(trunk, "TrunkBroken", "firing", incident);
        Assert.Equal("dev-infra-ticket", first.Receiver);

        // Both Alertmanagers hold the alert (each Prometheus sends to both): only the cluster keeps them from both notifying.
        await BothHoldAsync(trunk, "TrunkBroken", "active");
        await Task.Delay(DuplicateWindow);
        var firing = Deliveries(trunk, "TrunkBroken", "firing", incident);

        var fixedAt = DateTimeOffset.UtcNow;
        trunk.Push(commits: 1, failingJobs: 0);
        await WaitForAsync(trunk, "TrunkBroken", "resolved", fixedAt);
        await Task.Delay(DuplicateWindow);
        var resolved = Deliveries(trunk, "TrunkBroken", "resolved", incident);
        firing = Deliveries(trunk, "TrunkBroken", "firing", incident);

        Report("1 P2 once", firing.Count + resolved.Count, firing.Count - 1 + resolved.Count - 1, first.ReceivedAt - incident, $"firing sent by {Sender(first)}");
        Assert.True(firing.Count == 1, $"expected one firing notification, got {Describe(firing)}");
        Assert.True(resolved.Count == 1, $"expected one resolved notification, got {Describe(resolved)}");
    }

    [Fact]
    public async Task A_silence_made_on_one_Alertmanager_holds_on_both_and_shows_on_the_peer()
    {
        var trunk = await BeginAsync("ha/silenced");

        // Silence through Alertmanager 1 before the incident; it must reach Alertmanager 2 by gossip.
        var silence = await Stack.Alertmanager(0).CreateSilenceAsync(
            new Dictionary<string, string> { ["alertname"] = "TrunkBroken", ["repo"] = trunk.Repo }, TimeSpan.FromHours(1), "ha: silence on one member");
        await BoundedWait.UntilAsync(
            async token => (await Stack.Alertmanager(1).GetSilencesAsync(token)).GetValueOrDefault(silence) == "active",
            Bound,
            () => $"silence {silence} made on Alertmanager 1 never showed as active on Alertmanager 2");

        var incident = DateTimeOffset.UtcNow;
        trunk.Push(commits: 3, failingJobs: 2);
        await BoundedWait.UntilAsync(
            async token =>
            {
                foreach (var member in new[] { Stack.Alertmanager(0), Stack.Alertmanager(1) })
                {
                    var alerts = await member.GetAlertsAsync(token);
                    if (!alerts.Any(alert => alert.Name == "TrunkBroken" && alert.Labels.GetValueOrDefault("repo") == trunk.Repo && alert.State == "suppressed" && alert.SilencedBy.Contains(silence)))
                    {
                        return false;
                    }
                }

                return true;
            },
            Bound,
            () => $"TrunkBroken for {trunk.Repo} was not suppressed by {silence} on both Alertmanagers");
        await Task.Delay(DuplicateWindow);
        var whileSilenced = Deliveries(trunk, "TrunkBroken", "firing", incident);
        Assert.True(whileSilenced.Count == 0, $"a silenced alert notified: {Describe(whileSilenced)}");

        // Expire it through the other member: notifications come back, once.
        var expired = DateTimeOffset.UtcNow;
        await Stack.Alertmanager(1).ExpireSilenceAsync(silence);
        await BoundedWait.UntilAsync(
            async token => (await Stack.Alertmanager(0).GetSilencesAsync(token)).GetValueOrDefault(silence) == "expired",
            Bound,
            () => $"silence {silence} expired on Alertmanager 2 never showed as expired on Alertmanager 1");
        var first = await WaitForAsync(trunk, "TrunkBroken", "firing", expired);
        await Task.Delay(DuplicateWindow);
        var firing = Deliveries(trunk, "TrunkBroken", "firing", incident);

        Report("2 silence on one, held on both", firing.Count, firing.Count - 1, first.ReceivedAt - expired, $"0 notifications while silenced ({DuplicateWindow.TotalSeconds:F0} s); timed from the expiry");
        Assert.True(firing.Count == 1, $"expected one firing notification after the silence expired, got {Describe(firing)}");
    }

    [Fact]
    public async Task An_exporter_replica_killed_mid_incident_changes_nothing_but_its_own_Down_alert()
    {
        var trunk = await BeginAsync("ha/replica-down");
        var incident = DateTimeOffset.UtcNow;
        trunk.Push(commits: 3, failingJobs: 2);
        var first = await WaitForAsync(trunk, "TrunkBroken", "firing", incident);

        var killed = DateTimeOffset.UtcNow;
        await Stack.StopExporterAsync(0);
        var down = await Sink.WaitForWebhookAsync(hook => hook.ReceivedAt > killed && HasAlert(hook, "TrunkExporterDown", "firing"), Bound, "firing TrunkExporterDown");

        // The shipped configuration routes it by the team of the repositories the replica reported (issue 17), not to `default`.
        Assert.Equal("dev-infra-ticket", down.Receiver);
        await Task.Delay(DuplicateWindow);

        var downAlerts = Sink.Webhooks.Where(hook => hook.ReceivedAt > killed)
            .SelectMany(hook => hook.Message.Alerts.Where(alert => alert.Labels.GetValueOrDefault("alertname") == "TrunkExporterDown"))
            .ToList();
        Assert.All(downAlerts, alert => Assert.Equal((Stack.ExporterTargets[0], "dev-infra"), (alert.Labels["instance"], alert.Labels["team"])));
        var absent = Sink.Webhooks.Where(hook => hook.ReceivedAt > killed && HasAlert(hook, "TrunkExporterAbsent", "firing")).ToList();
        Assert.True(absent.Count == 0, $"TrunkExporterAbsent fired although replica 2 reports every repository: {Describe(absent)}");
        var firing = Deliveries(trunk, "TrunkBroken", "firing", incident);
        var resolved = Deliveries(trunk, "TrunkBroken", "resolved", incident);
        await AssertFiringOnBothPrometheusAsync(trunk, "TrunkBroken");

        Report("3 exporter replica 1 killed", firing.Count + resolved.Count + 1, firing.Count - 1 + resolved.Count, first.ReceivedAt - incident,
            string.Create(CultureInfo.InvariantCulture, $"TrunkExporterDown for {Stack.ExporterTargets[0]} only, to {down.Receiver}, {(down.ReceivedAt - killed).TotalSeconds:F1} s after the kill (for: 2 s)"));
        Assert.True(firing.Count == 1, $"expected no second firing notification, got {Describe(firing)}");
        Assert.True(resolved.Count == 0, $"the trunk alert resolved when one replica died: {Describe(resolved)}");
    }

    [Fact]
    public async Task An_Alertmanager_killed_mid_incident_leaves_the_escalation_to_its_peer_once()
    {
        var trunk = await BeginAsync("ha/alertmanager-down");
        var incident = DateTimeOffset.UtcNow;
        trunk.Push(commits: 3, failingJobs: 2);
        var first = await WaitForAsync(trunk, "TrunkBroken", "firing", incident);

        // Mid-incident, not mid-gossip: a member killed within the gossip interval (200 ms) of its send
        // dies before its peer learns of it, and the peer sends again (Alertmanager's HA is
        // at-least-once; the suite saw that when it killed at once). Past the window, the peer has the log.
        await Task.Delay(DuplicateWindow);
        Assert.True(Deliveries(trunk, "TrunkBroken", "firing", incident).Count == 1, $"expected one P2 firing notification before the kill, got {Describe(Deliveries(trunk, "TrunkBroken", "firing", incident))}");
        await Stack.StopAlertmanagerAsync(0);
        var escalated = DateTimeOffset.UtcNow;
        trunk.Push(commits: 3, failingJobs: 7);
        var page = await WaitForAsync(trunk, "TrunkBadlyBroken", "firing", escalated);
        Assert.Equal("dev-infra-page", page.Receiver);
        Assert.Equal(Stack.AlertmanagerUrls[1], page.Message.ExternalUrl);
        await Task.Delay(DuplicateWindow);
        var pages = Deliveries(trunk, "TrunkBadlyBroken", "firing", escalated);
        var p2 = Deliveries(trunk, "TrunkBroken", "firing", incident);

        Report("4 Alertmanager 1 killed", pages.Count + p2.Count, pages.Count - 1 + p2.Count - 1, page.ReceivedAt - escalated,
            string.Create(CultureInfo.InvariantCulture, $"P1 timed from the escalating push, sent by Alertmanager 2; P2 {(first.ReceivedAt - incident).TotalSeconds:F1} s, sent by {Sender(first)}"));
        Assert.True(pages.Count == 1, $"expected one P1 notification, got {Describe(pages)}");
        Assert.True(p2.Count == 1, $"expected one P2 firing notification, got {Describe(p2)}");
    }

    [Fact]
    public async Task A_Prometheus_killed_leaves_notifications_to_its_twin_without_duplicates()
    {
        var trunk = await BeginAsync("ha/prometheus-down");
        var incident = DateTimeOffset.UtcNow;
        trunk.Push(commits: 3, failingJobs: 2);
        var first = await WaitForAsync(trunk, "TrunkBroken", "firing", incident);

        await Stack.StopPrometheusAsync(0);
        var escalated = DateTimeOffset.UtcNow;
        trunk.Push(commits: 3, failingJobs: 7);
        var page = await WaitForAsync(trunk, "TrunkBadlyBroken", "firing", escalated);
        await Task.Delay(DuplicateWindow);

        var fixedAt = DateTimeOffset.UtcNow;
        trunk.Push(commits: 1, failingJobs: 0);
        await WaitForAsync(trunk, "TrunkBadlyBroken", "resolved", fixedAt);
        await Task.Delay(DuplicateWindow);

        var p2 = Deliveries(trunk, "TrunkBroken", "firing", incident);
        var pages = Deliveries(trunk, "TrunkBadlyBroken", "firing", incident);
        var resolved = Deliveries(trunk, "TrunkBadlyBroken", "resolved", incident);
        Report("5 Prometheus 1 killed", p2.Count + pages.Count + resolved.Count, p2.Count - 1 + pages.Count - 1 + resolved.Count - 1, first.ReceivedAt - incident,
            string.Create(CultureInfo.InvariantCulture, $"after the kill: P1 {(page.ReceivedAt - escalated).TotalSeconds:F1} s from the escalating push, then its resolution"));
        Assert.True(p2.Count == 1, $"expected one P2 firing notification, got {Describe(p2)}");
        Assert.True(pages.Count == 1, $"expected one P1 notification, got {Describe(pages)}");
        Assert.True(resolved.Count == 1, $"expected one P1 resolved notification, got {Describe(resolved)}");
    }

    [Fact]
    public async Task Both_exporters_killed_fire_Absent_and_their_restart_restores_the_state_without_a_flap()
    {
        var trunk = await BeginAsync("ha/all-exporters-down");
        var incident = DateTimeOffset.UtcNow;
        trunk.Push(commits: 3, failingJobs: 2);
        var first = await WaitForAsync(trunk, "TrunkBroken", "firing", incident);
        var firingSince = DateTimeOffset.UtcNow;

        var killed = DateTimeOffset.UtcNow;
        await Stack.StopExporterAsync(0);
        await Stack.StopExporterAsync(1);
        var absent = await Sink.WaitForWebhookAsync(hook => hook.ReceivedAt > killed && HasAlert(hook, "TrunkExporterAbsent", "firing"), Bound, "firing TrunkExporterAbsent");
        Assert.Equal("dev-infra-ticket", absent.Receiver);
        await BoundedWait.UntilAsync(
            _ => Task.FromResult(AbsentInstances(killed).SetEquals(Stack.ExporterTargets)),
            Bound,
            () => $"TrunkExporterAbsent did not name both replicas: {string.Join(", ", AbsentInstances(killed))}");

        var restarted = DateTimeOffset.UtcNow;
        await Stack.StartExporterAsync(0);
        await Stack.StartExporterAsync(1);
        await Sink.WaitForWebhookAsync(hook => hook.ReceivedAt > restarted && HasAlert(hook, "TrunkExporterAbsent", "resolved"), Bound, "TrunkExporterAbsent resolved");
        foreach (var prometheus in new[] { Stack.Prometheus(0), Stack.Prometheus(1) })
        {
            await prometheus.WaitUntilAsync(
                $"repo_branch:trunk_broken_jobs:reported{{repo=\"{trunk.Repo}\"}}",
                result => result.Series.Count == 1 && result.Series[0].LastValue == 2,
                "N = 2 reported again by the restarted replicas",
                Bound);
        }

        await Task.Delay(DuplicateWindow);
        var firing = Deliveries(trunk, "TrunkBroken", "firing", incident);
        var resolved = Deliveries(trunk, "TrunkBroken", "resolved", incident);

        // No flap, not even one shorter than Alertmanager's grouping: every evaluation since it fired has it firing.
        foreach (var prometheus in new[] { Stack.Prometheus(0), Stack.Prometheus(1) })
        {
            var end = DateTimeOffset.UtcNow;
            var range = await prometheus.QueryRangeAsync(
                $"ALERTS{{alertname=\"TrunkBroken\", alertstate=\"firing\", repo=\"{trunk.Repo}\"}}", firingSince, end, TimeSpan.FromSeconds(1));
            var series = Assert.Single(range.Series);
            var expected = (int)Math.Floor((end - firingSince).TotalSeconds) + 1;
            Assert.True(series.Samples.Count >= expected - 1, $"TrunkBroken stopped firing on {prometheus.BaseAddress} at some point: {series.Samples.Count} of {expected} steps");
        }

        Report("6 both exporters killed", firing.Count + resolved.Count, firing.Count - 1 + resolved.Count, first.ReceivedAt - incident,
            string.Create(CultureInfo.InvariantCulture, $"TrunkExporterAbsent for both replicas {(absent.ReceivedAt - killed).TotalSeconds:F1} s after the kill (for: 2 s), resolved after the restart"));
        Assert.True(firing.Count == 1, $"the restart re-fired the trunk alert: {Describe(firing)}");
        Assert.True(resolved.Count == 0, $"the trunk alert resolved while no exporter reported it, or on the restart: {Describe(resolved)}");
    }

    /// <summary>Starts what an earlier test stopped and waits until both Prometheus servers see N = 0 for the scenario's trunk.</summary>
    private async Task<HaTrunk> BeginAsync(string repo)
    {
        await Stack.StartStoppedAsync();
        await Stack.WaitForClusterAsync(Bound);
        foreach (var prometheus in new[] { Stack.Prometheus(0), Stack.Prometheus(1) })
        {
            await prometheus.WaitUntilAsync(
                "up{job=\"trunk-exporter\"} == 1",
                result => result.Series.Count == HaStack.Replicas,
                "both exporter replicas up",
                Bound);
            await prometheus.WaitUntilAsync(
                $"repo_branch:trunk_broken_jobs:reported{{repo=\"{repo}\"}}",
                result => result.Series.Count == 1 && result.Series[0].LastValue == 0,
                $"N = 0 reported for {repo}",
                Bound);
        }

        return fixture.Trunk(repo);
    }

    private Task<ReceivedNotification> WaitForAsync(HaTrunk trunk, string alertname, string status, DateTimeOffset since) =>
        Sink.WaitForWebhookAsync(hook => hook.ReceivedAt >= since && IsGroup(hook, trunk, alertname, status), Bound, $"{status} {alertname} for {trunk.Repo}");

    /// <summary>Webhook deliveries of one group (alertname, repo) with the given status since a time; each is one notification.</summary>
    private List<ReceivedNotification> Deliveries(HaTrunk trunk, string alertname, string status, DateTimeOffset since) =>
        [.. Sink.Webhooks.Where(hook => hook.ReceivedAt >= since && IsGroup(hook, trunk, alertname, status))];

    private static bool IsGroup(ReceivedNotification hook, HaTrunk trunk, string alertname, string status) =>
        hook.Message.Status == status
        && hook.Message.GroupLabels.GetValueOrDefault("alertname") == alertname
        && hook.Message.GroupLabels.GetValueOrDefault("repo") == trunk.Repo;

    private static bool HasAlert(ReceivedNotification hook, string alertname, string status) =>
        hook.Message.Alerts.Any(alert => alert.Status == status && alert.Labels.GetValueOrDefault("alertname") == alertname);

    private HashSet<string> AbsentInstances(DateTimeOffset since) =>
        [.. Sink.Webhooks.Where(hook => hook.ReceivedAt > since)
            .SelectMany(hook => hook.Message.Alerts)
            .Where(alert => alert.Status == "firing" && alert.Labels.GetValueOrDefault("alertname") == "TrunkExporterAbsent")
            .Select(alert => alert.Labels.GetValueOrDefault("instance") ?? string.Empty)];

    private async Task BothHoldAsync(HaTrunk trunk, string alertname, string state)
    {
        foreach (var member in new[] { Stack.Alertmanager(0), Stack.Alertmanager(1) })
        {
            await BoundedWait.UntilAsync(
                async token => (await member.GetAlertsAsync(token)).Any(alert => alert.Name == alertname && alert.Labels.GetValueOrDefault("repo") == trunk.Repo && alert.State == state),
                Bound,
                () => $"{member.ExternalUrl} does not hold {alertname} for {trunk.Repo} as {state}");
        }
    }

    private async Task AssertFiringOnBothPrometheusAsync(HaTrunk trunk, string alertname)
    {
        foreach (var prometheus in new[] { Stack.Prometheus(0), Stack.Prometheus(1) })
        {
            var alerts = await prometheus.QueryAsync($"ALERTS{{alertname=\"{alertname}\", alertstate=\"firing\", repo=\"{trunk.Repo}\"}}");
            Assert.True(alerts.Series.Count == 1, $"{alertname} for {trunk.Repo} is not firing on {prometheus.BaseAddress}");
        }
    }

    private string Sender(ReceivedNotification hook) =>
        hook.Message.ExternalUrl == Stack.AlertmanagerUrls[0] ? "Alertmanager 1" : hook.Message.ExternalUrl == Stack.AlertmanagerUrls[1] ? "Alertmanager 2" : hook.Message.ExternalUrl;

    private string Describe(IEnumerable<ReceivedNotification> hooks) =>
        string.Join("; ", hooks.Select(hook => string.Create(CultureInfo.InvariantCulture, $"{hook.ReceivedAt:HH:mm:ss.fff} {hook.Receiver} {hook.Message.Status} from {Sender(hook)}"))) is { Length: > 0 } text ? text : "none";

    private void Report(string scenario, int delivered, int duplicates, TimeSpan first, string notes) =>
        new HaFigures(scenario, delivered, Math.Max(0, duplicates), 0, first, notes).Report(output);
}
