using System.Globalization;
using TrunkExporter.Exposition;
using TrunkExporter.Health;

namespace TrunkExporter.Metrics;

/// <summary>Renders contract section 7's trunk families, family by family across all branches.</summary>
internal static class TrunkMetricsWriter
{
    /// <param name="trunks">The branches with a trunk state.</param>
    /// <param name="owners">
    /// Every configured branch and its team, whether or not it has a state yet: ownership comes from
    /// configuration, so alerts about a branch that never refreshed can still be routed.
    /// </param>
    public static void Write(ExpositionWriter writer, IReadOnlyList<TrunkHealth> trunks, IEnumerable<BranchOwner> owners)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(trunks);
        ArgumentNullException.ThrowIfNull(owners);

        foreach (var health in trunks)
        {
            foreach (var job in health.Jobs)
            {
                writer.Sample(MetricCatalog.JobFailureStreak, [health.Repo, health.Branch, job.Job.Workflow, job.Job.JobName], job.Streak);
            }
        }

        WriteStreakTimes(writer, trunks, MetricCatalog.JobFailingSince, job => job.FailingSince);
        WriteStreakTimes(writer, trunks, MetricCatalog.JobLastFailure, job => job.LastFailure);

        foreach (var health in trunks)
        {
            foreach (var job in health.Jobs)
            {
                if (job is { Streak: > 0, CulpritSha: { } sha })
                {
                    writer.Sample(MetricCatalog.JobCulprit, [health.Repo, health.Branch, job.Job.Workflow, job.Job.JobName, sha], 1);
                }
            }
        }

        // Issue 14: the culprit range and the newest failing log, for a notification to name them.
        foreach (var health in trunks)
        {
            foreach (var job in health.Jobs)
            {
                if (job is { Streak: > 0, Culprits: { } range })
                {
                    writer.Sample(
                        MetricCatalog.JobCulpritRange,
                        [health.Repo, health.Branch, job.Job.Workflow, job.Job.JobName, range.FirstFailing.Sha, range.FirstFailing.Pr?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, range.LastGreenSha ?? string.Empty],
                        range.Commits.Count);
                }
            }
        }

        foreach (var health in trunks)
        {
            foreach (var job in health.Jobs)
            {
                if (job is { Streak: > 0, LastFailureUrl: { } url })
                {
                    writer.Sample(MetricCatalog.JobLog, [health.Repo, health.Branch, job.Job.Workflow, job.Job.JobName, url], 1);
                }
            }
        }

        foreach (var health in trunks)
        {
            writer.Sample(MetricCatalog.ConsecutiveBrokenCommits, [health.Repo, health.Branch], health.ConsecutiveBrokenCommits);
        }

        foreach (var health in trunks)
        {
            foreach (var commit in health.Commits.Where(commit => commit.HasData))
            {
                writer.Sample(MetricCatalog.CommitFailingJobs, [health.Repo, health.Branch, commit.Sha], commit.FailingJobs);
            }
        }

        foreach (var health in trunks)
        {
            foreach (var commit in health.Commits.Where(commit => commit.HasData))
            {
                writer.Sample(MetricCatalog.CommitTimestamp, [health.Repo, health.Branch, commit.Sha], UnixSeconds(commit.Time));
            }
        }

        foreach (var health in trunks)
        {
            writer.Sample(MetricCatalog.WindowCommits, [health.Repo, health.Branch], health.WindowCommits);
        }

        foreach (var owner in owners)
        {
            writer.Sample(MetricCatalog.RepoInfo, [owner.Repo, owner.Branch, owner.Team], 1);
        }
    }

    public static double UnixSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static void WriteStreakTimes(
        ExpositionWriter writer,
        IReadOnlyList<TrunkHealth> trunks,
        MetricFamily family,
        Func<JobStreak, DateTimeOffset?> select)
    {
        foreach (var health in trunks)
        {
            foreach (var job in health.Jobs)
            {
                if (job.Streak > 0 && select(job) is { } time)
                {
                    writer.Sample(family, [health.Repo, health.Branch, job.Job.Workflow, job.Job.JobName], UnixSeconds(time));
                }
            }
        }
    }
}
