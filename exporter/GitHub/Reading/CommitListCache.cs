using TrunkExporter.GitHub.Wire;

namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// The branch's window of commits with the first page's ETag. The history below an unchanged head
/// cannot change, so a 304 on the first page stands for the whole window. Stored only after every
/// page of the window was read.
/// </summary>
internal sealed class CommitListCache
{
    public Uri? FirstPage { get; private set; }

    public string? ETag { get; private set; }

    public IReadOnlyList<BranchCommit> Commits { get; private set; } = [];

    public string? ETagFor(Uri firstPage) => firstPage == FirstPage ? ETag : null;

    public void Store(Uri firstPage, string? etag, IReadOnlyList<BranchCommit> commits)
    {
        FirstPage = etag is null ? null : firstPage;
        ETag = etag;
        Commits = commits;
    }
}
