using System.Net;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Tests.Support;
using static TrunkExporter.Tests.IssueBridge.AlertPayloads;

namespace TrunkExporter.Tests.IssueBridge;

/// <summary>The lifecycle of an alert's issue, driven through the webhook with Alertmanager's payloads, observed at the fake GitHub.</summary>
public sealed class IssueLifecycleTests : IAsyncLifetime
{
    private BridgeHarness _bridge = null!;

    public async Task InitializeAsync() => _bridge = await BridgeHarness.StartAsync();

    public async Task DisposeAsync() => await _bridge.DisposeAsync();

    [Fact]
    public async Task A_firing_P2_files_one_issue_with_title_labels_body_and_marker()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));

        var issue = Assert.Single(_bridge.Issues);
        Assert.Equal("[P2] HUD is broken - 3 commits in a row (<=5 jobs failing) - pytorch/pytorch main", issue.Title);
        Assert.Equal(["area:trunk-health", "priority:P2", "team:dev-infra", "source:trunk-exporter"], issue.Labels);
        Assert.Equal(issue.Labels, _bridge.GitHub.LabelsOf(BridgeHarness.Repository));
        Assert.Contains("**State:** firing since 2026-11-18 09:30:00 UTC", issue.Body, StringComparison.Ordinal);
        Assert.Contains("**Team:** dev-infra", issue.Body, StringComparison.Ordinal);
        Assert.Contains("N = 2 logical job(s)", issue.Body, StringComparison.Ordinal);
        Assert.Contains("### Failing jobs\n\n- pull / linux-jammy-py3.10-gcc11 / test (default, 1, 5, linux.2xlarge): streak 3", issue.Body, StringComparison.Ordinal);
        Assert.Contains("- Runbook: http://127.0.0.1:9095/runbooks/TrunkBroken.md", issue.Body, StringComparison.Ordinal);
        Assert.Contains("- Dashboard: http://127.0.0.1:3000/d/trunk-health/trunk-health?var-repo=pytorch%2Fpytorch&var-branch=main", issue.Body, StringComparison.Ordinal);
        Assert.Contains("- HUD: http://127.0.0.1:9473/hud/pytorch/pytorch/main", issue.Body, StringComparison.Ordinal);
        Assert.Contains("- Silence: http://127.0.0.1:9093/#/silences/new?filter=%7Balertname%3D%22TrunkBroken%22%2Crepo%3D%22pytorch%2Fpytorch%22%2Cbranch%3D%22main%22%7D", issue.Body, StringComparison.Ordinal);
        Assert.Contains("amtool silence add --alertmanager.url=http://127.0.0.1:9093 --duration=2h --comment='working on it' 'alertname=\"TrunkBroken\"' 'repo=\"pytorch/pytorch\"' 'branch=\"main\"'", issue.Body, StringComparison.Ordinal);
        Assert.EndsWith("<!-- trunk-exporter-fingerprint: 9a0c1e2f3b4d5c6e -->\n", issue.Body, StringComparison.Ordinal);
        Assert.True(issue.IsOpen);
        Assert.Empty(issue.Comments);
    }

    [Fact]
    public async Task The_recorded_P1_notification_files_a_P1_issue()
    {
        var recorded = System.Text.Json.Nodes.JsonNode.Parse(Recorded("trunk-badly-broken-firing.json"))!;
        recorded["version"] = "4";
        await _bridge.DeliverAsync(recorded.ToJsonString());

        var issue = Assert.Single(_bridge.Issues);
        Assert.Equal("[P1] HUD is badly broken - Likely infra related (>5 jobs failing) - pytorch/pytorch main", issue.Title);
        Assert.Contains("priority:P1", issue.Labels);
        Assert.Contains("- pull / job \"quoted\", with, commas / test: streak 3", issue.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeats_and_duplicate_deliveries_make_one_issue_and_no_comment()
    {
        var payload = Trunk("P2", firing: true, n: 2);
        var parallel = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _bridge.PostAsync(payload)));
        Assert.All(parallel, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        await _bridge.DeliverAsync(payload);
        await _bridge.DeliverAsync(payload);

        var issue = Assert.Single(_bridge.Issues);
        Assert.Empty(issue.Comments);
    }

    [Fact]
    public async Task A_change_of_N_makes_one_comment_and_a_second_change_within_the_interval_none()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 3));
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 3));

        var comment = Assert.Single(Assert.Single(_bridge.Issues).Comments);
        Assert.StartsWith("Still firing: N 2 → 3.\n\nNewly failing:\n- pull / linux-jammy-py3.10-gcc11 / test (default, 3, 5, linux.2xlarge)\n", comment.Body, StringComparison.Ordinal);

        // Within CommentInterval (30 min by default): held back.
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 4));
        Assert.Single(Assert.Single(_bridge.Issues).Comments);
    }

    [Fact]
    public async Task Escalation_links_the_P1_issue_to_the_P2_issue_and_back()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 3));
        await _bridge.DeliverAsync(Trunk("P1", firing: true, n: 7, startsAt: Start.AddHours(1)));

        var p2 = _bridge.GitHub.Issue(BridgeHarness.Repository, 1);
        var p1 = _bridge.GitHub.Issue(BridgeHarness.Repository, 2);
        Assert.StartsWith("[P1] ", p1.Title, StringComparison.Ordinal);
        Assert.Contains("Escalated from #1 (P2).", p1.Body, StringComparison.Ordinal);
        var link = Assert.Single(p2.Comments);
        Assert.StartsWith("Escalated to P1: #2.", link.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolution_closes_the_issue_with_its_duration_and_the_P1_resolution_closes_the_inhibited_P2()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 3));
        await _bridge.DeliverAsync(Trunk("P1", firing: true, n: 7, startsAt: Start.AddHours(1)));

        // Inhibition mutes the P2's own "resolved": only the P1's arrives.
        await _bridge.DeliverAsync(Trunk("P1", firing: false, n: 7, startsAt: Start.AddHours(1), endsAt: Start.AddHours(3).AddMinutes(15)));

        var p1 = _bridge.GitHub.Issue(BridgeHarness.Repository, 2);
        Assert.Equal("closed", p1.State);
        Assert.Equal("bridge", p1.ClosedBy);
        Assert.StartsWith("Resolved at 2026-11-18 12:45:00 UTC after 2h 15m (firing since 2026-11-18 10:30:00 UTC).", p1.Comments[^1].Body, StringComparison.Ordinal);
        var p2 = _bridge.GitHub.Issue(BridgeHarness.Repository, 1);
        Assert.Equal("closed", p2.State);
        Assert.Contains("its P1 #2 resolved", p2.Comments[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_P2_resolution_comments_then_closes()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 3));
        await _bridge.DeliverAsync(Trunk("P2", firing: false, n: 3, endsAt: Start.AddMinutes(45)));
        await _bridge.DeliverAsync(Trunk("P2", firing: false, n: 3, endsAt: Start.AddMinutes(45)));

        var issue = Assert.Single(_bridge.Issues);
        Assert.Equal("closed", issue.State);
        Assert.Equal("Resolved at 2026-11-18 10:15:00 UTC after 45m 0s (firing since 2026-11-18 09:30:00 UTC).", Assert.Single(issue.Comments).Body.Split('\n')[0]);
    }

    [Fact]
    public async Task A_manual_close_is_respected()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        _bridge.GitHub.CloseByPerson(BridgeHarness.Repository, 1);
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 3));
        await _bridge.DeliverAsync(Trunk("P2", firing: false, n: 3, endsAt: Start.AddHours(1)));

        var issue = Assert.Single(_bridge.Issues);
        Assert.Equal("octocat", issue.ClosedBy);
        Assert.Empty(issue.Comments);
    }

    [Fact]
    public async Task A_recurrence_opens_a_new_issue_that_links_the_previous_one()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        await _bridge.DeliverAsync(Trunk("P2", firing: false, n: 2, endsAt: Start.AddHours(1)));
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 1, startsAt: Start.AddHours(5)));

        Assert.Equal(2, _bridge.Issues.Count);
        var fresh = _bridge.GitHub.Issue(BridgeHarness.Repository, 2);
        Assert.True(fresh.IsOpen);
        Assert.Contains("Previous occurrence: #1.", fresh.Body, StringComparison.Ordinal);
        Assert.Equal("closed", _bridge.GitHub.Issue(BridgeHarness.Repository, 1).State);
    }

    [Fact]
    public async Task A_recurrence_after_a_manual_close_opens_a_new_issue_too()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        _bridge.GitHub.CloseByPerson(BridgeHarness.Repository, 1);
        await _bridge.DeliverAsync(Trunk("P2", firing: false, n: 2, endsAt: Start.AddHours(1)));
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2, startsAt: Start.AddHours(5)));

        Assert.Equal(2, _bridge.Issues.Count);
        Assert.Contains("Previous occurrence: #1.", _bridge.GitHub.Issue(BridgeHarness.Repository, 2).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_order_updates_are_ignored()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2, startsAt: Start.AddHours(5)));
        await _bridge.DeliverAsync(Trunk("P2", firing: false, n: 2, startsAt: Start.AddHours(5), endsAt: Start.AddHours(6)));

        // The firing of the same occurrence arriving after its resolution, and an earlier occurrence's.
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 4, startsAt: Start.AddHours(5)));
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 4, startsAt: Start));
        await _bridge.DeliverAsync(Trunk("P2", firing: false, n: 4, startsAt: Start, endsAt: Start.AddHours(1)));

        var issue = Assert.Single(_bridge.Issues);
        Assert.Equal("closed", issue.State);
        Assert.Single(issue.Comments);
    }

    [Fact]
    public async Task Every_alert_of_a_group_is_applied()
    {
        await _bridge.DeliverAsync(Group(
            Trunk("P2", firing: true, n: 2, fingerprint: "00000000000000a1"),
            Trunk("P2", firing: true, n: 2, fingerprint: "00000000000000a2"),
            Trunk("P2", firing: true, n: 2, fingerprint: "00000000000000a3")));

        Assert.Equal(3, _bridge.Issues.Count);
        Assert.Equal(["00000000000000a1", "00000000000000a2", "00000000000000a3"],
            _bridge.Issues.Select(issue => issue.Body[(issue.Body.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Split(' ')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_lifecycle_costs_twelve_requests_on_a_fresh_repository()
    {
        _bridge.GitHub.ResetCounts();
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        var create = _bridge.GitHub.Counts.Total;
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 3));
        var comment = _bridge.GitHub.Counts.Total - create;
        await _bridge.DeliverAsync(Trunk("P2", firing: false, n: 3));
        var total = _bridge.GitHub.Counts.Total;

        // Create: list labels, create 4 labels, look for the marker, create the issue. Comment: check the issue is
        // still open, comment. Resolve: check, comment, close. The repeat costs nothing.
        Assert.Equal((7, 2, 12), (create, comment, total));
        Assert.Equal(8, _bridge.GitHub.Counts.Requests.Count(request => request.Method is "POST" or "PATCH"));
    }

    [Fact]
    public async Task The_reconciler_closes_an_issue_whose_alert_Alertmanager_no_longer_holds_after_the_grace()
    {
        await using var bridge = await BridgeHarness.StartAsync(["--TrunkExporter:IssueBridge:ReconcileGrace=00:00:00"]);
        await bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        await bridge.DeliverAsync(Trunk("P2", firing: true, n: 2, fingerprint: "00000000000000b2"));
        var lifecycle = bridge.Services.GetRequiredService<TrunkExporter.IssueBridge.IssueLifecycle>();

        // First look: missing, noted. Second look: still missing, closed. The alert Alertmanager still holds stays open.
        await lifecycle.ReconcileAsync(new HashSet<string> { "00000000000000b2" }, CancellationToken.None);
        Assert.All(bridge.Issues, issue => Assert.True(issue.IsOpen));
        await lifecycle.ReconcileAsync(new HashSet<string> { "00000000000000b2" }, CancellationToken.None);

        Assert.Equal("closed", bridge.GitHub.Issue(BridgeHarness.Repository, 1).State);
        Assert.StartsWith("Resolved: Alertmanager no longer holds this alert", bridge.GitHub.Issue(BridgeHarness.Repository, 1).Comments[^1].Body, StringComparison.Ordinal);
        Assert.True(bridge.GitHub.Issue(BridgeHarness.Repository, 2).IsOpen);
    }

    [Fact]
    public async Task A_team_with_its_own_repository_files_there()
    {
        await using var bridge = await BridgeHarness.StartAsync(["--TrunkExporter:IssueBridge:Teams:0:Team=release-eng", "--TrunkExporter:IssueBridge:Teams:0:Repository=acme/release-issues"]);
        await bridge.DeliverAsync(Trunk("P2", firing: true, n: 2, team: "release-eng"));

        Assert.Empty(bridge.Issues);
        Assert.Contains("team:release-eng", Assert.Single(bridge.GitHub.IssuesOf("acme/release-issues")).Labels);
    }
}
