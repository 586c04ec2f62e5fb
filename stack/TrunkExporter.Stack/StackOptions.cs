namespace TrunkExporter.Stack;

/// <summary>How the local stack runs: which trunk, and how fast every stage polls.</summary>
internal sealed record StackOptions
{
    /// <summary>The snapshot file the exporter replays (re-read whenever it changes); null reads <see cref="GitHub"/> instead.</summary>
    public string? SnapshotFile { get; init; }

    /// <summary>The GitHub API the exporter reads when there is no <see cref="SnapshotFile"/>.</summary>
    public ExporterGitHub? GitHub { get; init; }

    public string Repo { get; init; } = "pytorch/pytorch";

    public string Branch { get; init; } = "main";

    public string Team { get; init; } = "dev-infra";

    public bool ShiftTimesToNow { get; init; } = true;

    /// <summary>The exporter's refresh interval.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Prometheus' scrape and rule evaluation interval.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Alertmanager's group_wait for every route (the shipped configuration says 30s).</summary>
    public TimeSpan GroupWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Alertmanager's group_interval for every route (the shipped configuration says 5m).</summary>
    public TimeSpan GroupInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Alertmanager's repeat_interval for every route; null keeps the shipped values (hours).</summary>
    public TimeSpan? RepeatInterval { get; init; }

    /// <summary>
    /// The <c>for:</c> of every rule that has one (the meta alerts wait 5 to 15 minutes); null keeps the shipped
    /// values. Tests shorten it so that an exporter outage alerts within seconds.
    /// </summary>
    public TimeSpan? AlertFor { get; init; }

    /// <summary>
    /// The P1/P2 hysteresis (the range of <c>repo_branch:trunk_broken_jobs:max_5m</c>, 5 minutes shipped); null keeps
    /// it. Tests that step N through P1 and back at 1 s intervals shorten it. The 6 h hold of a missing trunk is
    /// never rewritten: a test observes it as shipped.
    /// </summary>
    public TimeSpan? Hysteresis { get; init; }

    /// <summary>
    /// The issue bridge to enable the shipped configuration's commented github-issues receiver for (its webhook URL
    /// and the file holding its bearer secret); null leaves the receiver commented out.
    /// </summary>
    public IssueReceiver? Issues { get; init; }

    /// <summary>Alertmanager's port; 0 picks a free one (the issue bridge must know it before Alertmanager starts).</summary>
    public int AlertmanagerPort { get; init; }

    /// <summary>Where the stack keeps its rewritten configuration; default a new temporary folder.</summary>
    public string? WorkDirectory { get; init; }
}

/// <summary>Where Alertmanager's github-issues receiver posts, and the bearer secret file it sends.</summary>
internal sealed record IssueReceiver(Uri Webhook, string CredentialsFile);
