namespace TrunkExporter.FakeGitHub;

/// <summary>An issue the fake holds; <see cref="ClosedBy"/> says who closed it ("bridge" for the API caller, or a person's name).</summary>
internal sealed record FakeIssue(
    string Repo,
    int Number,
    string Title,
    string Body,
    string State,
    IReadOnlyList<string> Labels,
    IReadOnlyList<FakeComment> Comments,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    string? StateReason,
    string? ClosedBy)
{
    public bool IsOpen => State == "open";
}

internal sealed record FakeComment(long Id, string Body, DateTimeOffset CreatedAt);
