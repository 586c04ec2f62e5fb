using System.Globalization;
using Prometheus;
using TrunkExporter.Health;

namespace TrunkExporter.Metrics;

/// <summary>
/// Contract section 7's trunk families on a registry, kept equal to the newest trunk states. Not
/// thread-safe: one caller applies at a time (the refresh loop's TrunkPublisher holds a lock).
/// </summary>
internal sealed class TrunkGauges
{
    private readonly AppliedGauge _streak;
    private readonly AppliedGauge _failingSince;
    private readonly AppliedGauge _lastFailure;
    private readonly AppliedGauge _culprit;
    private readonly AppliedGauge _culpritRange;
    private readonly AppliedGauge _log;
    private readonly AppliedGauge _brokenCommits;
    private readonly AppliedGauge _commitFailingJobs;
    private readonly AppliedGauge _commitTimestamp;
    private readonly AppliedGauge _windowCommits;
    private readonly AppliedGauge _repoInfo;
    private readonly AppliedGauge[] _all;

    public TrunkGauges(CollectorRegistry registry)
    {
        _streak = new(MetricCatalog.JobFailureStreak.GaugeOn(registry));
        _failingSince = new(MetricCatalog.JobFailingSince.GaugeOn(registry));
        _lastFailure = new(MetricCatalog.JobLastFailure.GaugeOn(registry));
        _culprit = new(MetricCatalog.JobCulprit.GaugeOn(registry));
        _culpritRange = new(MetricCatalog.JobCulpritRange.GaugeOn(registry));
        _log = new(MetricCatalog.JobLog.GaugeOn(registry));
        _brokenCommits = new(MetricCatalog.ConsecutiveBrokenCommits.GaugeOn(registry));
        _commitFailingJobs = new(MetricCatalog.CommitFailingJobs.GaugeOn(registry));
        _commitTimestamp = new(MetricCatalog.CommitTimestamp.GaugeOn(registry));
        _windowCommits = new(MetricCatalog.WindowCommits.GaugeOn(registry));
        _repoInfo = new(MetricCatalog.RepoInfo.GaugeOn(registry));
        _all = [_streak, _failingSince, _lastFailure, _culprit, _culpritRange, _log, _brokenCommits, _commitFailingJobs, _commitTimestamp, _windowCommits, _repoInfo];
    }

    /// <param name="trunks">The branches with a trunk state.</param>
    /// <param name="owners">
    /// Every configured branch and its team, whether or not it has a state yet: ownership comes from
    /// configuration, so alerts about a branch that never refreshed can still be routed.
    /// </param>
    public void Apply(IReadOnlyList<TrunkHealth> trunks, IEnumerable<BranchOwner> owners)
    {
        ArgumentNullException.ThrowIfNull(trunks);
        ArgumentNullException.ThrowIfNull(owners);
        foreach (var gauge in _all)
        {
            gauge.Begin();
        }

        foreach (var health in trunks)
        {
            foreach (var job in health.Jobs)
            {
                var labels = JobLabels(health, job.Job);
                _streak.Add(labels, job.Streak);
                if (job.Streak > 0 && job.FailingSince is { } since)
                {
                    _failingSince.Add(labels, UnixSeconds(since));
                }

                if (job.Streak > 0 && job.LastFailure is { } last)
                {
                    _lastFailure.Add(labels, UnixSeconds(last));
                }

                if (job is { Streak: > 0, CulpritSha: { } sha })
                {
                    _culprit.Add([health.Repo, health.Branch, job.Job.Workflow, job.Job.JobName, sha], 1);
                }

                // Issue 14: the range and the newest failing log, for a notification to name them.
                if (job is { Streak: > 0, Culprits: { } range })
                {
                    _culpritRange.Add(
                        [health.Repo, health.Branch, job.Job.Workflow, job.Job.JobName, range.FirstFailing.Sha, range.FirstFailing.Pr?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, range.LastGreenSha ?? string.Empty],
                        range.Commits.Count);
                }

                if (job is { Streak: > 0, LastFailureUrl: { } url })
                {
                    _log.Add([health.Repo, health.Branch, job.Job.Workflow, job.Job.JobName, url], 1);
                }
            }

            string[] branch = [health.Repo, health.Branch];
            _brokenCommits.Add(branch, health.ConsecutiveBrokenCommits);
            _windowCommits.Add(branch, health.WindowCommits);
            foreach (var commit in health.Commits)
            {
                if (commit.HasData)
                {
                    string[] labels = [health.Repo, health.Branch, commit.Sha];
                    _commitFailingJobs.Add(labels, commit.FailingJobs);
                    _commitTimestamp.Add(labels, UnixSeconds(commit.Time));
                }
            }
        }

        foreach (var owner in owners)
        {
            _repoInfo.Add([owner.Repo, owner.Branch, owner.Team], 1);
        }

        foreach (var gauge in _all)
        {
            gauge.Complete();
        }
    }

    public static double UnixSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static string[] JobLabels(TrunkHealth health, LogicalJob job) => [health.Repo, health.Branch, job.Workflow, job.JobName];
}
