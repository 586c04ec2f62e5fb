namespace TrunkExporter.Benchmarks.Requests;

/// <summary>Real time that can jump forward, to reach the periodic re-check without waiting half an hour.</summary>
internal sealed class SkippableTimeProvider : TimeProvider
{
    private long _skippedTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _skippedTicks));

    public void Skip(TimeSpan forward) => Interlocked.Add(ref _skippedTicks, forward.Ticks);
}
