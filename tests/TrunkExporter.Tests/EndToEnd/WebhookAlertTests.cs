using System.Diagnostics;
using System.Text.Json.Nodes;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;
using TrunkExporter.Tests.Webhooks;
using Xunit.Abstractions;

namespace TrunkExporter.Tests.EndToEnd;

/// <summary>
/// The webhook path through the real exporter, Prometheus and Alertmanager: the exporter polls a fake
/// GitHub only every 10 minutes, so the third failure of a job can reach the page only through its
/// signed <c>workflow_job</c> delivery (the fixture's real payload shape, pointed at the scenario's job).
/// Measures the time from the delivery to the notification, next to the polling path's figure
/// (<see cref="TrunkAlertLifecycleTests"/>), at the same shortened intervals (1 s scrape, evaluation, group_wait).
/// </summary>
public sealed class WebhookAlertTests(ITestOutputHelper output)
{
    private const string Token = "e2e-webhook-token";
    private const string Secret = "e2e-webhook-secret";
    private const string Job = "linux-jammy-py3.10-gcc11-cfg0 / test (default, 1, 2, linux.4xlarge)";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [SharedFixtureFact]
    public async Task A_failing_job_delivered_by_webhook_pages_P2_without_waiting_for_a_poll()
    {
        var now = DateTimeOffset.UtcNow;
        await using var github = await FakeGitHubServer.StartAsync(ScenarioTrunk.Green(commits: 3, now), new FakeGitHubOptions { AcceptedToken = Token });

        // Two commits on which the job failed, and a third on which it still runs: a streak of 2, no alert yet.
        var third = new string('d', 40);
        github.Change(ScenarioTrunk.Repo, (repository, at) =>
        {
            repository.Push(Commit(new string('a', 40), "completed", "failure", at.AddMinutes(-2)), at);
            repository.Push(Commit(new string('b', 40), "completed", "failure", at.AddMinutes(-1)), at);
            repository.Push(Commit(third, "in_progress", null, at), at);
        });
        await using var stack = await LocalStack.StartAsync(new StackOptions
        {
            GitHub = new ExporterGitHub(github.ApiBaseUrl, Token, Secret),
            RefreshInterval = TimeSpan.FromMinutes(10),
            Interval = TimeSpan.FromSeconds(1),
            GroupWait = TimeSpan.FromSeconds(1),
            GroupInterval = TimeSpan.FromSeconds(1),
            RepeatInterval = TimeSpan.FromSeconds(2),
        });
        await stack.Prometheus.WaitUntilAsync("max(trunk_job_failure_streak)", result => result.Series.Count == 1 && result.Series[0].LastValue == 2, "a streak of 2", Step);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(stack.Sink.Webhooks.Count == 0, $"a streak of 2 notified: {stack.Sink.DescribeWebhooks()}");

        // The job fails on GitHub; the exporter hears of it only from the delivery (its next poll is 10 minutes away).
        github.Change(ScenarioTrunk.Repo, (repository, at) => repository.SetJob(third, "pull", Job, "completed", "failure", at));
        github.ResetCounts();
        var delivery = WebhookDelivery.FromFixture("webhook-workflow_job-completed-failure-with-organization.json", "workflow_job", payload =>
        {
            payload["repository"]!["full_name"] = ScenarioTrunk.Repo;
            var job = payload["workflow_job"]!;
            job["head_sha"] = third;
            job["head_branch"] = "main";
            job["workflow_name"] = "pull";
            job["name"] = Job;
        });
        using var http = new HttpClient { BaseAddress = stack.Exporter.BaseAddress };
        var clock = Stopwatch.StartNew();
        using (var request = delivery.Signed(Secret))
        using (var answer = await http.SendAsync(request))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.StatusCode);
        }

        var answered = clock.Elapsed;
        var broken = await stack.Sink.WaitForWebhookAsync(
            hook => hook.Message.Alerts.Any(alert => alert.Status == "firing" && alert.Labels.GetValueOrDefault("alertname") == "TrunkBroken"), Step, "firing TrunkBroken");
        clock.Stop();

        output.WriteLine($"time to alert, webhook path: {clock.Elapsed.TotalSeconds:F1} s from the workflow_job delivery to the notification (answered in {answered.TotalMilliseconds:F0} ms; exporter polling every 10 min, scrape and evaluation 1 s, group_wait 1 s); the polling path at a 1 s refresh: see TrunkAlertLifecycleTests");
        Assert.Equal("dev-infra-ticket", broken.Receiver);
        Assert.Equal(0, github.Counts.Total);
    }

    private static SnapshotCommit Commit(string sha, string status, string? conclusion, DateTimeOffset time) => new(
        sha,
        time,
        [
            new SnapshotJob("pull", Job, status, conclusion),
            new SnapshotJob("pull", "linux-jammy-py3.10-gcc11-cfg0 / test (default, 2, 2, linux.4xlarge)", "completed", "success"),
            new SnapshotJob("pull", "linux-jammy-py3.10-gcc11-cfg1 / test (default, 1, 2, linux.4xlarge)", "completed", "success"),
        ],
        $"Change {sha[..4]}",
        "octocat");
}
