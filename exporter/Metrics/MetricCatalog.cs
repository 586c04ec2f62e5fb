
namespace TrunkExporter.Metrics;

/// <summary>
/// Every metric family the exporter serves. Names and labels are fixed by contract section 7;
/// the README's metric table repeats these HELP sentences and a test keeps the two equal.
/// </summary>
internal static class MetricCatalog
{
    private static readonly string[] Branch = ["repo", "branch"];
    private static readonly string[] Job = ["repo", "branch", "workflow", "job_name"];
    private static readonly string[] Commit = ["repo", "branch", "sha"];

    public static readonly MetricFamily JobFailureStreak = new(
        "trunk_job_failure_streak", MetricType.Gauge,
        "Consecutive newest commits on which the logical job failed, skipping pending and no-data commits; 0 when healthy.", Job);

    public static readonly MetricFamily JobFailingSince = new(
        "trunk_job_failing_since_timestamp_seconds", MetricType.Gauge,
        "Commit time of the oldest commit of the logical job's current failure streak; present only while the streak is above 0.", Job);

    public static readonly MetricFamily JobLastFailure = new(
        "trunk_job_last_failure_timestamp_seconds", MetricType.Gauge,
        "Commit time of the newest commit of the logical job's current failure streak; present only while the streak is above 0.", Job);

    public static readonly MetricFamily JobCulprit = new(
        "trunk_job_culprit_info", MetricType.Gauge,
        "Always 1; sha is the oldest commit of the logical job's current failure streak, the candidate culprit.",
        ["repo", "branch", "workflow", "job_name", "sha"]);

    public static readonly MetricFamily JobCulpritRange = new(
        "trunk_job_culprit_range_commits", MetricType.Gauge,
        "Commits that may have broken the logical job: sha, the oldest commit of its current failure streak (pr its pull request, empty when unknown), and the older commits without a result for the job, back to last_green_sha, its last pass, exclusive (empty when the window ends first); present only while the streak is above 0.",
        ["repo", "branch", "workflow", "job_name", "sha", "pr", "last_green_sha"]);

    public static readonly MetricFamily JobLog = new(
        "trunk_job_log_info", MetricType.Gauge,
        "Always 1; url is the log of a failing run on the newest commit of the logical job's current failure streak; present only while the streak is above 0 and the source gives a log.",
        ["repo", "branch", "workflow", "job_name", "url"]);

    public static readonly MetricFamily ConsecutiveBrokenCommits = new(
        "trunk_consecutive_broken_commits", MetricType.Gauge,
        "Broken commits before the first green one, newest first, skipping commits whose verdict is unknown.", Branch);

    public static readonly MetricFamily CommitFailingJobs = new(
        "trunk_commit_failing_jobs", MetricType.Gauge,
        "Logical jobs that failed on this commit of the window.", Commit);

    public static readonly MetricFamily CommitTimestamp = new(
        "trunk_commit_timestamp_seconds", MetricType.Gauge,
        "Commit time of this commit of the window.", Commit);

    public static readonly MetricFamily WindowCommits = new(
        "trunk_window_commits", MetricType.Gauge,
        "Commits of the branch in the window the exporter evaluates; a streak cannot be longer.", Branch);

    public static readonly MetricFamily RepoInfo = new(
        "trunk_repo_info", MetricType.Gauge,
        "Always 1; team owns the repository and branch and receives their alerts.", ["repo", "branch", "team"]);

    public static readonly MetricFamily BuildInfo = new(
        "trunk_exporter_build_info", MetricType.Gauge,
        "Always 1; the exporter's version and the .NET runtime it runs on.", ["version", "runtime"]);

    public static readonly MetricFamily LastSuccess = new(
        "trunk_exporter_last_success_timestamp_seconds", MetricType.Gauge,
        "Time the repository and branch were last refreshed successfully.", Branch);

    public static readonly MetricFamily RefreshFailures = new(
        "trunk_exporter_refresh_failures_total", MetricType.Counter,
        "Refreshes of the repository and branch that failed and kept the previous state.", Branch);

    public static readonly MetricFamily RefreshDuration = new(
        "trunk_exporter_refresh_duration_seconds", MetricType.Gauge,
        "Duration of the latest refresh of the repository and branch, successful or not.", Branch);

    public static readonly MetricFamily GitHubRequests = new(
        "trunk_exporter_github_requests_total", MetricType.Counter,
        "GitHub REST requests by endpoint and HTTP status code; 304 answers cost no rate limit.", ["endpoint", "code"]);

    public static readonly MetricFamily GitHubRateLimitLimit = new(
        "trunk_exporter_github_rate_limit_limit", MetricType.Gauge,
        "Requests per hour that GitHub allows for the resource, from the latest response.", ["resource"]);

    public static readonly MetricFamily GitHubRateLimitRemaining = new(
        "trunk_exporter_github_rate_limit_remaining", MetricType.Gauge,
        "Requests left for the resource until its reset, from the latest response.", ["resource"]);

    public static readonly MetricFamily GitHubRateLimitReset = new(
        "trunk_exporter_github_rate_limit_reset_timestamp_seconds", MetricType.Gauge,
        "Time at which GitHub resets the resource's rate limit, from the latest response.", ["resource"]);

    public static readonly MetricFamily WebhookDeliveries = new(
        "trunk_exporter_webhook_deliveries_total", MetricType.Counter,
        "GitHub webhook deliveries by event and result: applied (about a watched branch), ignored, duplicate (a redelivery), unauthorized (bad or missing signature), invalid (content type, size or payload).",
        ["event", "result"]);

    public static readonly MetricFamily WebhookLastDelivery = new(
        "trunk_exporter_webhook_last_delivery_timestamp_seconds", MetricType.Gauge,
        "Time of the latest signed webhook delivery about the repository; the exporter's start time until the first one. Present only when webhooks are configured.",
        ["repo"]);

    public static readonly MetricFamily CacheBytes = new(
        "trunk_exporter_cache_bytes", MetricType.Gauge,
        "Size on disk of the repository and branch's cache in the data directory, as last written or loaded.", Branch);

    public static IReadOnlyList<MetricFamily> All { get; } =
    [
        JobFailureStreak, JobFailingSince, JobLastFailure, JobCulprit, JobCulpritRange, JobLog, ConsecutiveBrokenCommits,
        CommitFailingJobs, CommitTimestamp, WindowCommits, RepoInfo,
        BuildInfo, LastSuccess, RefreshFailures, RefreshDuration,
        GitHubRequests, GitHubRateLimitLimit, GitHubRateLimitRemaining, GitHubRateLimitReset,
        WebhookDeliveries, WebhookLastDelivery,
        CacheBytes,
    ];
}
