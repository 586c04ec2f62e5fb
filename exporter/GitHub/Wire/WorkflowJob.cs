namespace TrunkExporter.GitHub.Wire;

/// <summary>One job of one attempt of a run.</summary>
internal sealed record WorkflowJob(long Id, string Name, string Status, string? Conclusion, int Attempt, string? Url)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsCompleted => string.Equals(Status, "completed", StringComparison.Ordinal);
}
