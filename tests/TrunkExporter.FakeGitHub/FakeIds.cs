namespace TrunkExporter.FakeGitHub;

/// <summary>Ids in GitHub's ranges, unique across the repositories of one server.</summary>
internal sealed class FakeIds
{
    private long _repository = 515435940;
    private long _run = 13_000_000_000;
    private long _job = 38_000_000_000;

    public long NextRepository() => Interlocked.Increment(ref _repository);

    public long NextRun() => Interlocked.Increment(ref _run);

    public long NextJob() => Interlocked.Increment(ref _job);
}
