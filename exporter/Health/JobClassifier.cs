namespace TrunkExporter.Health;

/// <summary>
/// Applies the scope rules of contract section 1 to single job runs. Folding costs a regular
/// expression, so callers over a whole window go through <see cref="JobIndex"/>, which asks once per name.
/// </summary>
internal sealed class JobClassifier(ScopeSettings scope)
{
    /// <summary>The logical job a run belongs to, or null when the run is out of scope.</summary>
    public LogicalJob? Classify(string workflow, string name) =>
        scope.WorkflowPattern.IsMatch(workflow) && !IsExcludedByName(name)
            ? new LogicalJob(workflow, scope.ShardPattern.Replace(name, string.Empty))
            : null;

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
