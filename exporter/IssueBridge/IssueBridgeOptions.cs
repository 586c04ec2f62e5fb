namespace TrunkExporter.IssueBridge;

/// <summary>
/// <c>TrunkExporter:IssueBridge</c>: where <c>trunk-exporter issue-bridge</c> files issues and how. The
/// bearer secret is deliberately not here: it comes from <c>ISSUE_BRIDGE_TOKEN</c> or the file named by
/// <see cref="BearerTokenFile"/>.
/// </summary>
internal sealed class IssueBridgeOptions
{
    public const string SectionName = "TrunkExporter:IssueBridge";

    /// <summary>The labels every issue gets when <see cref="Labels"/> is not configured (PyTorch's area, priority and team; the source is <see cref="SourceLabel"/>).</summary>
    public static readonly IReadOnlyList<string> DefaultLabels = ["area:trunk-health", "priority:{priority}", "team:{team}"];

    /// <summary>The repository issues are filed in, owner/name (e.g. pytorch/test-infra).</summary>
    public string? Repository { get; set; }

    /// <summary>Per-team repositories: an alert whose <c>team</c> label matches files there instead.</summary>
    public IList<TeamRepository> Teams { get; init; } = [];

    /// <summary>
    /// Label templates; <c>{priority}</c>, <c>{team}</c>, <c>{alertname}</c>, <c>{repo}</c> and <c>{branch}</c> are
    /// replaced by the alert's labels. Unset: <see cref="DefaultLabels"/>.
    /// </summary>
    public IList<string>? Labels { get; init; }

    /// <summary>Every issue of the bridge carries it; the bridge lists its open issues by it to find one it filed but did not record.</summary>
    public string SourceLabel { get; set; } = "source:trunk-exporter";

    /// <summary>A file holding the bearer secret Alertmanager sends, used when ISSUE_BRIDGE_TOKEN is not set.</summary>
    public string? BearerTokenFile { get; set; }

    /// <summary>At most one update comment per issue in this time (the resolution comment is never held back).</summary>
    public TimeSpan CommentInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Largest webhook body read; Alertmanager's payload for a group of a few alerts is a few KB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Alertmanager's base URL (e.g. http://127.0.0.1:9093). When set, the bridge asks its /api/v2/alerts every
    /// <see cref="ReconcileInterval"/> and closes the open issues whose alert Alertmanager no longer holds
    /// (a resolution muted by inhibition, or lost). Unset: only notifications close issues, and a P1's
    /// resolution closes the P2 it escalated from.
    /// </summary>
    public Uri? AlertmanagerUrl { get; set; }

    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open issue's alert must be missing from Alertmanager before the reconciler closes it (Alertmanager may be restarting).</summary>
    public TimeSpan ReconcileGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for one Alertmanager API answer.</summary>
    public TimeSpan AlertmanagerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Base of the silence link (Alertmanager's external URL); unset: the payload's externalURL.</summary>
    public Uri? SilenceUrlBase { get; set; }

    public string RepositoryFor(string? team) =>
        Teams.FirstOrDefault(route => string.Equals(route.Team, team, StringComparison.Ordinal))?.Repository ?? Repository!;

    public IReadOnlyList<string> LabelTemplates => Labels is { Count: > 0 } labels ? [.. labels] : DefaultLabels;
}

/// <summary><c>TrunkExporter:IssueBridge:Teams:N</c>: one team's repository.</summary>
internal sealed class TeamRepository
{
    public string? Team { get; set; }

    public string? Repository { get; set; }
}
