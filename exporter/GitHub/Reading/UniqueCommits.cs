using TrunkExporter.GitHub.Wire;

namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// A branch's newest commits, gathered page by page, each once, in list order. A push between two
/// page reads shifts the list, so the next page starts with commits already read: they are dropped
/// (the first copy stays) and reading goes on, which yields the branch as it was when the first page
/// was read. A commit listed twice would lengthen every failure streak through it: a false page.
/// </summary>
internal sealed class UniqueCommits(int size)
{
    private readonly List<BranchCommit> _commits = new(Math.Min(size, 1000));
    private readonly HashSet<string> _shas = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<BranchCommit> Commits => _commits;

    public bool IsFull => _commits.Count >= size;

    /// <summary>Commits dropped because they were already read: how far the list shifted under the reader.</summary>
    public int Repeats { get; private set; }

    public void Add(IEnumerable<BranchCommit> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var commit in page)
        {
            if (IsFull)
            {
                return;
            }

            if (_shas.Add(commit.Sha))
            {
                _commits.Add(commit);
            }
            else
            {
                Repeats++;
            }
        }
    }
}
