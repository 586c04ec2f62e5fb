namespace TrunkExporter.GitHub.Wire;

/// <summary>One workflow run of a commit; <see cref="Workflow"/> is the run's name, the contract's workflow.</summary>
internal sealed record WorkflowRun(long Id, string Workflow, string Status, string? Conclusion, int Attempt, DateTimeOffset? UpdatedAt)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsCompleted => string.Equals(Status, "completed", StringComparison.Ordinal);

    /// <summary>Whether a completed run is still the one whose jobs were read: a re-run changes its attempt and update time.</summary>
    public bool IsSameCompletedRun(WorkflowRun other) =>
        other is not null && IsCompleted && other.IsCompleted && Id == other.Id && Attempt == other.Attempt && UpdatedAt == other.UpdatedAt;
}
