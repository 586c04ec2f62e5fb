using TrunkExporter.Snapshots;

namespace TrunkExporter.Health;

/// <summary>The contract's sections 1 to 5 as one pure function of a snapshot and the scope settings.</summary>
internal static class TrunkHealthCalculator
{
    public static TrunkHealth Calculate(TrunkSnapshot snapshot, ScopeSettings scope)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(scope);

        var window = snapshot.Commits.Count > scope.Window
            ? snapshot.Commits.Take(scope.Window).ToArray()
            : snapshot.Commits;
        var classifier = new JobClassifier(scope);
        var jobIndex = new Dictionary<LogicalJob, int>();
        var merged = new Dictionary<int, JobOutcome>[window.Count];

        for (var c = 0; c < window.Count; c++)
        {
            merged[c] = MergeCommit(window[c], classifier, jobIndex);
        }

        var commits = new CommitHealth[window.Count];
        for (var c = 0; c < window.Count; c++)
        {
            commits[c] = JudgeCommit(window[c], merged[c]);
        }

        var jobs = jobIndex
            .OrderBy(pair => pair.Key)
            .Select(pair => WalkStreak(pair.Key, pair.Value, window, merged, classifier))
            .ToArray();

        return new TrunkHealth(
            snapshot.Repo,
            snapshot.Branch,
            window.Count,
            CountConsecutiveBroken(commits),
            jobs,
            commits);
    }

    /// <summary>Contract section 2: all shards and attempts of a logical job fold into one outcome.</summary>
    private static Dictionary<int, JobOutcome> MergeCommit(
        SnapshotCommit commit,
        JobClassifier classifier,
        Dictionary<LogicalJob, int> jobIndex)
    {
        var outcomes = new Dictionary<int, JobOutcome>();
        foreach (var run in commit.Jobs)
        {
            if (classifier.Classify(run.Workflow, run.Name) is not { } job)
            {
                continue;
            }

            if (!jobIndex.TryGetValue(job, out var index))
            {
                index = jobIndex.Count;
                jobIndex.Add(job, index);
            }

            var outcome = classifier.Outcome(run.Status, run.Conclusion);
            if (!outcomes.TryGetValue(index, out var current) || outcome > current)
            {
                outcomes[index] = outcome;
            }
        }

        return outcomes;
    }

    private static CommitHealth JudgeCommit(SnapshotCommit commit, Dictionary<int, JobOutcome> outcomes)
    {
        int failing = 0, pending = 0, succeeded = 0;
        foreach (var outcome in outcomes.Values)
        {
            switch (outcome)
            {
                case JobOutcome.Failure: failing++; break;
                case JobOutcome.Pending: pending++; break;
                case JobOutcome.Success: succeeded++; break;
                case JobOutcome.NoData: break;
            }
        }

        var verdict = failing > 0 ? CommitVerdict.Broken
            : pending == 0 && succeeded > 0 ? CommitVerdict.Green
            : CommitVerdict.Unknown;
        return new CommitHealth(commit.Sha, commit.Time, commit.Pr, outcomes.Count > 0, failing, verdict);
    }

    /// <summary>Contract section 3: pending and no-data commits neither extend nor break a streak.</summary>
    private static JobStreak WalkStreak(
        LogicalJob job,
        int index,
        IReadOnlyList<SnapshotCommit> window,
        Dictionary<int, JobOutcome>[] merged,
        JobClassifier classifier)
    {
        var streak = 0;
        SnapshotCommit? newest = null, oldest = null;
        for (var c = 0; c < window.Count; c++)
        {
            if (!merged[c].TryGetValue(index, out var outcome) || outcome is JobOutcome.Pending or JobOutcome.NoData)
            {
                continue;
            }

            if (outcome == JobOutcome.Success)
            {
                break;
            }

            streak++;
            newest ??= window[c];
            oldest = window[c];
        }

        if (streak == 0)
        {
            return new JobStreak(job, 0);
        }

        return new JobStreak(
            job,
            streak,
            FailingSince: oldest!.Time,
            LastFailure: newest!.Time,
            CulpritSha: oldest.Sha,
            CulpritPr: oldest.Pr,
            LastFailureUrl: FailedRunUrl(newest, job, classifier));
    }

    private static string? FailedRunUrl(SnapshotCommit commit, LogicalJob job, JobClassifier classifier) =>
        commit.Jobs.FirstOrDefault(run =>
            run.Url is not null
            && classifier.Classify(run.Workflow, run.Name) == job
            && classifier.Outcome(run.Status, run.Conclusion) == JobOutcome.Failure)?.Url;

    /// <summary>Contract section 4: unknown commits are skipped; the walk stops at the first green one.</summary>
    private static int CountConsecutiveBroken(IEnumerable<CommitHealth> commits)
    {
        var broken = 0;
        foreach (var commit in commits)
        {
            if (commit.Verdict == CommitVerdict.Green)
            {
                break;
            }

            if (commit.Verdict == CommitVerdict.Broken)
            {
                broken++;
            }
        }

        return broken;
    }
}
