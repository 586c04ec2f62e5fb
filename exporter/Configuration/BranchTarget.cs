using System.Collections.Frozen;
using TrunkExporter.Core;
using TrunkExporter.Health;

namespace TrunkExporter.Configuration;

/// <summary>A validated repository configuration, ready for the refresh loop.</summary>
internal sealed record BranchTarget(
    string Repo,
    string Branch,
    string Team,
    ScopeSettings Scope,
    string? ReplayFile,
    bool ShiftTimesToNow)
{
    public BranchKey Key => new(Repo, Branch);

    public static BranchTarget From(RepositoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scope = options.Scope;
        var settings = new ScopeSettings
        {
            Window = options.Window,
            WorkflowPattern = ScopeSettings.Compile(scope.Workflows ?? ScopeSettings.DefaultWorkflowPattern),
            ShardPattern = ScopeSettings.Compile(scope.ShardPattern ?? ScopeSettings.DefaultShardPattern),
            ExcludedNameParts = scope.ExcludeJobNamesContaining?.ToArray() ?? ScopeSettings.DefaultExcludedNameParts,
            FailureConclusions = (scope.FailureConclusions?.AsEnumerable() ?? ScopeSettings.DefaultFailureConclusions).ToFrozenSet(StringComparer.Ordinal),
            SuccessConclusions = (scope.SuccessConclusions?.AsEnumerable() ?? ScopeSettings.DefaultSuccessConclusions).ToFrozenSet(StringComparer.Ordinal),
        };
        return new BranchTarget(options.Repo!, options.Branch, options.Team, settings, options.ReplayFile, options.ShiftTimesToNow);
    }
}
