namespace TrunkExporter.Health;

/// <summary>
/// Applies the scope rules of contract section 1 to single job runs.
/// One instance serves one calculation: it memoizes the name folding, because a
/// PyTorch-sized window repeats the same ~1,500 job names on every commit.
/// </summary>
internal sealed class JobClassifier(ScopeSettings scope)
{
    private readonly Dictionary<(string Workflow, string Name), LogicalJob?> _keys = [];
    private readonly Dictionary<string, bool> _workflows = new(StringComparer.Ordinal);

    /// <summary>The logical job a run belongs to, or null when the run is out of scope.</summary>
    public LogicalJob? Classify(string workflow, string name)
    {
        if (_keys.TryGetValue((workflow, name), out var known))
        {
            return known;
        }

        LogicalJob? key = IsWorkflowInScope(workflow) && !IsExcludedByName(name)
            ? new LogicalJob(workflow, scope.ShardPattern.Replace(name, string.Empty))
            : null;
        _keys[(workflow, name)] = key;
        return key;
    }

    public JobOutcome Outcome(string status, string? conclusion)
    {
        if (!string.Equals(status, "completed", StringComparison.Ordinal))
        {
            return JobOutcome.Pending;
        }

        if (conclusion is null)
        {
            return JobOutcome.NoData;
        }

        if (scope.FailureConclusions.Contains(conclusion))
        {
            return JobOutcome.Failure;
        }

        return scope.SuccessConclusions.Contains(conclusion) ? JobOutcome.Success : JobOutcome.NoData;
    }

    private bool IsWorkflowInScope(string workflow)
    {
        if (!_workflows.TryGetValue(workflow, out var inScope))
        {
            inScope = scope.WorkflowPattern.IsMatch(workflow);
            _workflows[workflow] = inScope;
        }

        return inScope;
    }

    private bool IsExcludedByName(string name)
    {
        foreach (var part in scope.ExcludedNameParts)
        {
            if (name.Contains(part, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
