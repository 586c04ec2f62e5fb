using TrunkExporter.GitHub.Auth;

namespace TrunkExporter.GitHub;

/// <summary>
/// The <c>TrunkExporter:GitHub</c> configuration section. The token is deliberately not here:
/// it comes only from the <c>GITHUB_TOKEN</c> environment variable or the file named by <see cref="TokenFile"/>,
/// so that it never sits in a configuration file or a command line.
/// </summary>
internal sealed class GitHubOptions
{
    public const string SectionName = "TrunkExporter:GitHub";
    public const string DefaultApiBaseUrl = "https://api.github.com";

    /// <summary>REST API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>A file holding the token, used when GITHUB_TOKEN is not set (a mounted secret, for instance).</summary>
    public string? TokenFile { get; set; }

    /// <summary>
    /// A file holding the webhook secret, used when GITHUB_WEBHOOK_SECRET is not set. With neither, POST
    /// /webhooks/github does not exist (404): an unsigned event is never accepted.
    /// </summary>
    public string? WebhookSecretFile { get; set; }

    /// <summary>GitHub App sign-in; when configured it is used instead of GITHUB_TOKEN and the token file.</summary>
    public GitHubAppOptions App { get; set; } = new();

    /// <summary>Requests left unspent for other users of the token: below it the exporter waits for the reset.</summary>
    public int RateLimitReserve { get; set; } = 200;

    /// <summary>Items per page for runs and jobs (GitHub allows at most 100).</summary>
    public int PerPage { get; set; } = 100;

    /// <summary>
    /// Largest GitHub body read, decompressed; a larger one fails that request while it streams. A full page of
    /// 100 runs, the largest answer the exporter asks for (each run carries its repository twice), is about 1.2 MB;
    /// a page of 100 jobs about 250 KB. 16 MiB leaves ample room and bounds what a broken upstream can cost.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    public const long DefaultMaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>Longest wait for one answer (one attempt).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time for one request including its retries and their waits (two rate-limit waits fit in the default).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries after a 5xx, a timeout, a connection error or a rate-limit answer.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off after a 5xx, a timeout or a connection error; it doubles on every retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after a 403/429 that gives neither Retry-After nor an exhausted limit (GitHub asks for at least a minute).</summary>
    public TimeSpan SecondaryRateLimitWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest rate-limit wait inside a refresh; a longer one fails the refresh, and later refreshes resume after the reset.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a commit whose runs all completed is checked again, for re-runs (a conditional request, free when nothing changed).</summary>
    public TimeSpan RecheckCompletedAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most GitHub requests in flight at once, all branches together (GitHub's secondary limit is 100).</summary>
    public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

    public const int DefaultMaxConcurrentRequests = 20;

    /// <summary>Most request points in any 60 s, all branches together: a GET costs 1 (GitHub's secondary limit is 900 for REST).</summary>
    public int MaxPointsPerMinute { get; set; } = DefaultMaxPointsPerMinute;

    public const int DefaultMaxPointsPerMinute = 800;

    /// <summary>How long a commit without any workflow run is still polled for runs to appear.</summary>
    public TimeSpan NoRunsGracePeriod { get; set; } = TimeSpan.FromMinutes(30);
}
