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
        var merged = new JobCell[window.Count][];
        var commits = new CommitHealth[window.Count];
        for (var c = 0; c < window.Count; c++)
        {
            merged[c] = MergeCommit(window[c], jobs, out var hasData);
            commits[c] = JudgeCommit(window[c], merged[c], hasData);
        }

        var ordered = jobs.Keys
            .Select((job, index) => (job, index))
            .OrderBy(pair => pair.job)
            .ToArray();
        var streaks = ordered
            .Select(pair => WalkStreak(pair.job, pair.index, commits, merged))
            .ToArray();

        return new TrunkHealth(
            snapshot.Repo,
            snapshot.Branch,
            window.Count,
            CountConsecutiveBroken(commits),
            streaks,
            commits,
            BuildGrid(streaks, ordered.Select(pair => pair.index).ToArray(), merged));
    }

    /// <summary>
    /// Contract section 2: all shards and attempts of a logical job fold into one outcome. The result
    /// is indexed by logical job; jobs first seen on a later commit lie past its end and read as no data.
    /// </summary>
    private static JobCell[] MergeCommit(SnapshotCommit commit, JobIndex jobs, out bool hasData)
    {
        var runs = new (int Job, JobOutcome Outcome, string? Url)[commit.Jobs.Count];
        var count = 0;
        foreach (var run in commit.Jobs)
        {
            var index = jobs.IndexOf(run.Workflow, run.Name);
            if (index >= 0)
            {
                runs[count++] = (index, jobs.Classifier.Outcome(run.Status, run.Conclusion), run.Url);
            }
        }

        var cells = new JobCell[jobs.Count];
        foreach (var (job, outcome, url) in runs.AsSpan(0, count))
        {
            // The run that decides the outcome gives the log; among equals, the first one that has a log.
            if (outcome > cells[job].Outcome || (outcome == cells[job].Outcome && cells[job].Url is null && url is not null))
            {
                cells[job] = new JobCell(outcome, url);
            }
        }

        hasData = count > 0;
        return cells;
    }

    private static CommitHealth JudgeCommit(SnapshotCommit commit, JobCell[] cells, bool hasData)
    {
        int failing = 0, pending = 0, succeeded = 0;
        foreach (var cell in cells)
        {
            switch (cell.Outcome)
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
        return new CommitHealth(commit.Sha, commit.Time, commit.Pr, hasData, failing, verdict, commit.Title, commit.Author);
    }

    private static JobOutcome OutcomeOf(JobCell[][] merged, int commit, int job) =>
        job < merged[commit].Length ? merged[commit][job].Outcome : JobOutcome.NoData;

    /// <summary>
    /// Contract section 3: pending and no-data commits neither extend nor break a streak. Past the
    /// streak's oldest failure the walk goes on to the job's last success, collecting the culprit range.
    /// </summary>
    private static JobStreak WalkStreak(LogicalJob job, int index, CommitHealth[] commits, JobCell[][] merged)
    {
        var streak = 0;
        int newest = -1, oldest = -1, green = -1;
        for (var c = 0; c < commits.Length; c++)
        {
            var outcome = OutcomeOf(merged, c, index);
            if (outcome is JobOutcome.Pending or JobOutcome.NoData)
            {
                continue;
            }

            if (outcome == JobOutcome.Success)
            {
                green = c;
                break;
            }

            streak++;
            newest = newest < 0 ? c : newest;
            oldest = c;
        }

        if (streak == 0)
        {
            return new JobStreak(job, 0);
        }

        var rangeEnd = green < 0 ? commits.Length : green;
        var culprit = commits[oldest];
        return new JobStreak(
            job,
            streak,
            FailingSince: culprit.Time,
            LastFailure: commits[newest].Time,
            CulpritSha: culprit.Sha,
            CulpritPr: culprit.Pr,
            Culprits: new CulpritRange(commits[oldest..rangeEnd], green < 0 ? null : commits[green].Sha),
            LastFailureUrl: merged[newest][index].Url);
    }

    /// <summary>The HUD's columns: every logical job that failed on at least one commit of the window.</summary>
    private static JobGrid BuildGrid(JobStreak[] streaks, int[] indexes, JobCell[][] merged)
    {
        var columns = new List<(JobStreak Streak, int Index)>();
        for (var j = 0; j < streaks.Length; j++)
        {
            for (var c = 0; c < merged.Length; c++)
            {
                if (OutcomeOf(merged, c, indexes[j]) == JobOutcome.Failure)
                {
                    columns.Add((streaks[j], indexes[j]));
                    break;
                }
            }
        }

        var cells = new JobCell[merged.Length * columns.Count];
        for (var c = 0; c < merged.Length; c++)
        {
            for (var k = 0; k < columns.Count; k++)
            {
                var index = columns[k].Index;
                cells[(c * columns.Count) + k] = index < merged[c].Length ? merged[c][index] : default;
            }
        }

        return new JobGrid([.. columns.Select(column => column.Streak)], merged.Length, cells);
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
