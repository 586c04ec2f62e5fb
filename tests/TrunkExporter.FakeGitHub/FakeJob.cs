namespace TrunkExporter.FakeGitHub;

/// <summary>One job of one attempt of a fake run.</summary>
internal sealed class FakeJob(long id, string name, int attempt, string? htmlUrl, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public string Name { get; } = name;

    public int Attempt { get; } = attempt;

    public string? HtmlUrl { get; } = htmlUrl;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Status { get; set; } = "queued";

    public string? Conclusion { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsCompleted => Status == "completed";

    public void Set(string status, string? conclusion, DateTimeOffset now)
    {
        Status = status;
        Conclusion = status == "completed" ? conclusion : null;
        if (status != "queued")
        {
            StartedAt ??= now;
        }

        CompletedAt = status == "completed" ? CompletedAt ?? now : null;
    }
}
