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
        var jobs = new JobIndex(new JobClassifier(scope));
        var merged = new JobOutcome[window.Count][];
        var commits = new CommitHealth[window.Count];
        for (var c = 0; c < window.Count; c++)
        {
            merged[c] = MergeCommit(window[c], jobs, out var hasData);
            commits[c] = JudgeCommit(window[c], merged[c], hasData);
        }

        var streaks = jobs.Keys
            .Select((job, index) => (job, index))
            .OrderBy(pair => pair.job)
            .Select(pair => WalkStreak(pair.job, pair.index, window, merged, jobs))
            .ToArray();

        return new TrunkHealth(
            snapshot.Repo,
            snapshot.Branch,
            window.Count,
            CountConsecutiveBroken(commits),
            streaks,
            commits);
    }

    /// <summary>
    /// Contract section 2: all shards and attempts of a logical job fold into one outcome. The result
    /// is indexed by logical job; jobs first seen on a later commit lie past its end and read as no data.
    /// </summary>
    private static JobOutcome[] MergeCommit(SnapshotCommit commit, JobIndex jobs, out bool hasData)
    {
        var runs = new (int Job, JobOutcome Outcome)[commit.Jobs.Count];
        var count = 0;
        foreach (var run in commit.Jobs)
        {
            var index = jobs.IndexOf(run.Workflow, run.Name);
            if (index >= 0)
            {
                runs[count++] = (index, jobs.Classifier.Outcome(run.Status, run.Conclusion));
            }
        }

        var outcomes = new JobOutcome[jobs.Count];
        foreach (var (job, outcome) in runs.AsSpan(0, count))
        {
            if (outcome > outcomes[job])
            {
                outcomes[job] = outcome;
            }
        }

        hasData = count > 0;
        return outcomes;
    }

    private static CommitHealth JudgeCommit(SnapshotCommit commit, JobOutcome[] outcomes, bool hasData)
    {
        int failing = 0, pending = 0, succeeded = 0;
        foreach (var outcome in outcomes)
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
        return new CommitHealth(commit.Sha, commit.Time, commit.Pr, hasData, failing, verdict);
    }

    /// <summary>Contract section 3: pending and no-data commits neither extend nor break a streak.</summary>
    private static JobStreak WalkStreak(
        LogicalJob job,
        int index,
        IReadOnlyList<SnapshotCommit> window,
        JobOutcome[][] merged,
        JobIndex jobs)
    {
        var streak = 0;
        SnapshotCommit? newest = null, oldest = null;
        for (var c = 0; c < window.Count; c++)
        {
            var outcome = index < merged[c].Length ? merged[c][index] : JobOutcome.NoData;
            if (outcome is JobOutcome.Pending or JobOutcome.NoData)
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
            CulpritPr: oldest.Pr);
    }

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
