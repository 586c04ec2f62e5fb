using TrunkExporter.Health;

namespace TrunkExporter.Configuration;

/// <summary>One watched branch: <c>TrunkExporter:Repositories:N</c>.</summary>
internal sealed class RepositoryOptions
{
    public const string DefaultTeam = "unassigned";

    /// <summary>owner/name on GitHub.</summary>
    public string? Repo { get; set; }

    public string Branch { get; set; } = "main";

    /// <summary>Who owns this trunk; alerts are routed by it.</summary>
    public string Team { get; set; } = DefaultTeam;

    /// <summary>Newest commits of the branch to evaluate (contract section 5).</summary>
    public int Window { get; set; } = ScopeSettings.DefaultWindow;

    /// <summary>When set, the branch is read from this snapshot file instead of GitHub.</summary>
    public string? ReplayFile { get; set; }

    /// <summary>With <see cref="ReplayFile"/>: shift every time so that the newest commit is now (demos).</summary>
    public bool ShiftTimesToNow { get; set; }

    public ScopeOptions Scope { get; init; } = new();
}
