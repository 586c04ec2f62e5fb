using TrunkExporter.Snapshots;

namespace TrunkExporter.Webhooks;

/// <summary>
/// The events of one branch laid over its last polled snapshot, so that a delivery changes the published
/// state without a single GitHub request. Polling stays the source of truth: an event is dropped once a
/// poll shows the job at least as far along, or once a poll that started <see cref="ReconcileAfter"/> after
/// the event arrived has completed (GitHub's API has caught up by then, whatever it says). Not thread-safe:
/// the caller holds the branch's lock.
/// </summary>
internal sealed class EventOverlay(int window, int maxEvents = EventOverlay.DefaultMaxEvents)
{
    /// <summary>A PyTorch commit has ~1,500 jobs and each reports up to three states: hours of events between two polls.</summary>
    public const int DefaultMaxEvents = 50_000;

    /// <summary>How long GitHub's REST answers may lag a delivery; a poll that started later is trusted over the event.</summary>
    public static readonly TimeSpan ReconcileAfter = TimeSpan.FromSeconds(60);

    private readonly Dictionary<(string Sha, string Workflow, string Name, int Attempt), JobEvent> _jobs = [];
    private readonly Dictionary<string, (CommitEvent Commit, long Order)> _commits = new(StringComparer.OrdinalIgnoreCase);
    private long _order;

    public int Count => _jobs.Count + _commits.Count;

    public void Add(BranchEvent change)
    {
        switch (change)
        {
            case JobEvent job:
                var key = (job.Sha, job.Workflow, job.Name, job.Attempt);
                if (!_jobs.TryGetValue(key, out var known) || JobEvent.Progress(job.Status) >= JobEvent.Progress(known.Status))
                {
                    _jobs[key] = job;
                }

                break;
            case CommitEvent commit:
                // Pushes stack commits on the head in the order they arrive (a push lists its commits oldest first).
                _commits.TryAdd(commit.Sha, (commit, ++_order));
                break;
        }

        // Bounded: the oldest events go first; the next poll brings what they said.
        if (Count > maxEvents)
        {
            foreach (var oldest in _jobs.Values.OrderBy(job => job.ReceivedAt).Take(Count - maxEvents).ToArray())
            {
                _jobs.Remove((oldest.Sha, oldest.Workflow, oldest.Name, oldest.Attempt));
            }
        }
    }

    /// <summary>Forgets what a poll that started at <paramref name="pollStarted"/> has caught up on.</summary>
    public void Reconcile(TrunkSnapshot polled, DateTimeOffset pollStarted)
    {
        ArgumentNullException.ThrowIfNull(polled);
        var commits = polled.Commits.ToDictionary(commit => commit.Sha, StringComparer.OrdinalIgnoreCase);
        foreach (var (commit, _) in _commits.Values.ToArray())
        {
            if (commits.ContainsKey(commit.Sha) || commit.ReceivedAt + ReconcileAfter <= pollStarted)
            {
                _commits.Remove(commit.Sha);
            }
        }

        foreach (var (key, job) in _jobs.ToArray())
        {
            var caughtUp = commits.TryGetValue(job.Sha, out var commit)
                && commit.Jobs.Any(polledJob => Same(polledJob, job) && JobEvent.Progress(polledJob.Status) >= JobEvent.Progress(job.Status));
            if (caughtUp || job.ReceivedAt + ReconcileAfter <= pollStarted)
            {
                _jobs.Remove(key);
            }
        }
    }

    /// <summary>The snapshot with the events applied: new commits first (the window keeps its length), then job states.</summary>
    public TrunkSnapshot Apply(TrunkSnapshot polled)
    {
        ArgumentNullException.ThrowIfNull(polled);
        if (Count == 0)
        {
            return polled;
        }

        // A pushed commit is newer than the polled head whatever its timestamp says (a rebased commit keeps an
        // old author date); one older than the whole window is a stale redelivery and is left out.
        var known = polled.Commits.Select(commit => commit.Sha).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var oldest = polled.Commits.Count > 0 ? polled.Commits[^1].Time : DateTimeOffset.MinValue;
        var commits = _commits.Values
            .Where(entry => !known.Contains(entry.Commit.Sha) && entry.Commit.Time >= oldest)
            .OrderByDescending(entry => entry.Order)
            .Select(entry => new SnapshotCommit(entry.Commit.Sha, entry.Commit.Time, [], entry.Commit.Title, entry.Commit.Author))
            .Concat(polled.Commits)
            .Take(Math.Max(window, polled.Commits.Count))
            .ToList();

        var bySha = _jobs.Values.ToLookup(job => job.Sha, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < commits.Count; i++)
        {
            var events = bySha[commits[i].Sha];
            if (events.Any())
            {
                commits[i] = commits[i] with { Jobs = Merge(commits[i].Jobs, events) };
            }
        }

        return polled with { Commits = commits };
    }

    private static List<SnapshotJob> Merge(IReadOnlyList<SnapshotJob> polled, IEnumerable<JobEvent> events)
    {
        var jobs = polled.ToList();
        foreach (var job in events)
        {
            var index = jobs.FindIndex(candidate => Same(candidate, job));
            var merged = new SnapshotJob(job.Workflow, job.Name, job.Status, job.Status == "completed" ? job.Conclusion : null, job.Attempt, job.Url ?? (index >= 0 ? jobs[index].Url : null));
            if (index < 0)
            {
                jobs.Add(merged);
            }
            else if (JobEvent.Progress(job.Status) > JobEvent.Progress(jobs[index].Status))
            {
                jobs[index] = merged;
            }
        }

        return jobs;
    }

    /// <summary>The same run of the same job: the same log address, or the same workflow, name and attempt.</summary>
    private static bool Same(SnapshotJob polled, JobEvent job) =>
        (polled.Url is not null && string.Equals(polled.Url, job.Url, StringComparison.Ordinal))
        || (polled.Attempt == job.Attempt
            && string.Equals(polled.Workflow, job.Workflow, StringComparison.Ordinal)
            && string.Equals(polled.Name, job.Name, StringComparison.Ordinal));
}
