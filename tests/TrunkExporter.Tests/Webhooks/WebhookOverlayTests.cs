using TrunkExporter.Snapshots;
using TrunkExporter.Webhooks;

namespace TrunkExporter.Tests.Webhooks;

/// <summary>How events lie over a polled snapshot and when a poll takes over again.</summary>
public sealed class WebhookOverlayTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Sha = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static TrunkSnapshot Polled(string status, string? conclusion = null) => new("o/r", "main", Received, [
        new SnapshotCommit(Sha, Received.AddMinutes(-10), [new SnapshotJob("pull", "build", "completed", "success"), new SnapshotJob("pull", "test", status, conclusion)]),
    ]);

    private static JobEvent Job(string status, string? conclusion = null, int attempt = 1) =>
        new("o/r", "main", Received, Sha, "pull", "test", attempt, status, conclusion, null);

    [Fact]
    public void A_completed_job_replaces_the_polled_running_one_and_nothing_else()
    {
        var overlay = new EventOverlay(window: 50);
        overlay.Add(Job("completed", "failure"));

        var jobs = overlay.Apply(Polled("in_progress")).Commits[0].Jobs;

        Assert.Equal([new SnapshotJob("pull", "build", "completed", "success"), new SnapshotJob("pull", "test", "completed", "failure")], jobs);
    }

    [Fact]
    public void An_event_never_moves_a_job_backwards()
    {
        var overlay = new EventOverlay(window: 50);
        overlay.Add(Job("completed", "failure"));
        overlay.Add(Job("in_progress"));

        Assert.Equal("failure", overlay.Apply(Polled("queued")).Commits[0].Jobs[1].Conclusion);
        Assert.Equal("success", overlay.Apply(Polled("completed", "success")).Commits[0].Jobs[1].Conclusion);
    }

    [Fact]
    public void A_new_attempt_is_added_beside_the_old_one()
    {
        var overlay = new EventOverlay(window: 50);
        overlay.Add(Job("queued", attempt: 2));

        var jobs = overlay.Apply(Polled("completed", "failure")).Commits[0].Jobs;

        Assert.Equal(3, jobs.Count);
        Assert.Equal(new SnapshotJob("pull", "test", "queued", null, 2), jobs[2]);
    }

    [Theory]
    [InlineData("in_progress", 5, 1)] // the poll has not caught up and started right after: the event stays
    [InlineData("completed", 5, 0)] // the poll shows the job as far along: the poll is the truth
    [InlineData("in_progress", 61, 0)] // a poll that started a minute after the event is trusted over it
    public void A_poll_takes_over_once_it_caught_up_or_started_well_after_the_event(string polledStatus, int pollStartedSecondsAfter, int eventsLeft)
    {
        var overlay = new EventOverlay(window: 50);
        overlay.Add(Job("completed", "failure"));

        overlay.Reconcile(Polled(polledStatus, polledStatus == "completed" ? "success" : null), Received.AddSeconds(pollStartedSecondsAfter));

        Assert.Equal(eventsLeft, overlay.Count);
    }

    [Fact]
    public void A_pushed_commit_leads_the_window_and_the_window_keeps_its_length()
    {
        var overlay = new EventOverlay(window: 1);
        overlay.Add(new CommitEvent("o/r", "main", Received, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Received, "Fix the build", "octocat"));

        var commits = overlay.Apply(Polled("completed", "success")).Commits;

        Assert.Equal(["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"], commits.Select(commit => commit.Sha));
    }

    [Fact]
    public void Pushed_commits_lead_in_push_order_whatever_their_timestamps_and_an_ancient_one_is_left_out()
    {
        var overlay = new EventOverlay(window: 50);
        overlay.Add(new CommitEvent("o/r", "main", Received, "1111111111111111111111111111111111111111", Received.AddHours(-1), "Rebased, old author date", "a"));
        overlay.Add(new CommitEvent("o/r", "main", Received, "2222222222222222222222222222222222222222", Received.AddHours(-2), "Pushed after it", "b"));
        overlay.Add(new CommitEvent("o/r", "main", Received, "3333333333333333333333333333333333333333", Received.AddDays(-30), "A redelivery from long ago", "c"));

        var commits = overlay.Apply(Polled("completed", "success") with { Commits = [Polled("queued").Commits[0] with { Time = Received.AddDays(-1) }] }).Commits;

        Assert.Equal(["2222222222222222222222222222222222222222", "1111111111111111111111111111111111111111", Sha], commits.Select(commit => commit.Sha));
    }

    [Fact]
    public void The_delivery_memory_is_a_ring_of_fixed_size()
    {
        var memory = new DeliveryMemory(capacity: 3);

        Assert.True(memory.TryRemember("a"));
        Assert.False(memory.TryRemember("a"));
        foreach (var id in new[] { "b", "c", "d" })
        {
            Assert.True(memory.TryRemember(id));
        }

        Assert.Equal(3, memory.Count);
        Assert.True(memory.TryRemember("a")); // forgotten: the oldest left the ring
    }

    [Fact]
    public void The_event_memory_is_bounded_oldest_first()
    {
        var overlay = new EventOverlay(window: 50, maxEvents: 10);
        for (var i = 0; i < 25; i++)
        {
            overlay.Add(new JobEvent("o/r", "main", Received.AddSeconds(i), Sha, "pull", $"job {i}", 1, "queued", null, null));
        }

        Assert.Equal(10, overlay.Count);
        Assert.Contains(overlay.Apply(Polled("queued")).Commits[0].Jobs, job => job.Name == "job 24");
    }
}
