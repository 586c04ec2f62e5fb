namespace TrunkExporter.Health;

/// <summary>The grouping key of contract section 1.3: shards and attempts of one job fold into it.</summary>
internal readonly record struct LogicalJob(string Workflow, string JobName) : IComparable<LogicalJob>
{
    public int CompareTo(LogicalJob other)
    {
        var byWorkflow = string.CompareOrdinal(Workflow, other.Workflow);
        return byWorkflow != 0 ? byWorkflow : string.CompareOrdinal(JobName, other.JobName);
    }
}
