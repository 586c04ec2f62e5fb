namespace TrunkExporter.FakeGitHub;

/// <summary>
/// A workflow run: its status and conclusion follow the jobs of its latest attempt, and its
/// update time moves (strictly) on every change, as GitHub's does.
/// </summary>
internal sealed class FakeRun(long id, long runNumber, string workflow, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public long RunNumber { get; } = runNumber;

    public string Workflow { get; } = workflow;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; private set; } = createdAt;

    public int Attempt { get; set; } = 1;

    public List<FakeJob> Jobs { get; } = [];

    public IEnumerable<FakeJob> LatestJobs => Jobs.Where(job => job.Attempt == Attempt);

    public string Status
    {
        get
        {
            var latest = LatestJobs.ToList();
            return latest.All(job => job.IsCompleted) ? "completed"
                : latest.All(job => job.Status == "queued") ? "queued"
                : "in_progress";
        }
    }

    public string? Conclusion
    {
        get
        {
            if (Status != "completed")
            {
                return null;
            }

            var conclusions = LatestJobs.Select(job => job.Conclusion).ToList();
            return conclusions.Contains("failure") ? "failure"
                : conclusions.Contains("cancelled") ? "cancelled"
                : "success";
        }
    }

    /// <summary>JSON carries whole seconds, so every change moves the time by at least a second.</summary>
    public void Touch(DateTimeOffset now)
    {
        var whole = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        UpdatedAt = whole > UpdatedAt ? whole : UpdatedAt.AddSeconds(1);
    }
}
