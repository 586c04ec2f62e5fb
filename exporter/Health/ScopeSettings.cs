using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace TrunkExporter.Health;

/// <summary>Which job runs count and how they fold, per repository (contract sections 1 and 5).</summary>
internal sealed record ScopeSettings
{
    public const string DefaultWorkflowPattern = "^(pull|trunk|docs-build)$|^linux-binary-";
    public const string DefaultShardPattern = @",\s*\d+\s*,\s*\d+";
    public const int DefaultWindow = 50;

    public static readonly IReadOnlyList<string> DefaultExcludedNameParts = ["rerun_disabled_tests", "unstable", "mem_leak_check"];
    public static readonly IReadOnlyList<string> DefaultFailureConclusions = ["failure"];
    public static readonly IReadOnlyList<string> DefaultSuccessConclusions = ["success"];

    public static ScopeSettings Default { get; } = new();

    public Regex WorkflowPattern { get; init; } = Compile(DefaultWorkflowPattern);

    public IReadOnlyList<string> ExcludedNameParts { get; init; } = DefaultExcludedNameParts;

    public Regex ShardPattern { get; init; } = Compile(DefaultShardPattern);

    public FrozenSet<string> FailureConclusions { get; init; } = DefaultFailureConclusions.ToFrozenSet(StringComparer.Ordinal);

    public FrozenSet<string> SuccessConclusions { get; init; } = DefaultSuccessConclusions.ToFrozenSet(StringComparer.Ordinal);

    public int Window { get; init; } = DefaultWindow;

    /// <summary>Compiles a user-supplied pattern; the timeout bounds a pathological pattern instead of hanging a refresh.</summary>
    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
}
