using System.Collections.Concurrent;

namespace TrunkExporter.Tests.Support;

/// <summary>
/// Real time (or the given clock's), plus a record of every timer anyone asked for (Polly's retry waits and timeouts), so a
/// test can check how long the client chose to wait; <see cref="Skip"/> jumps the clock forward
/// (for intervals measured in minutes) without waiting.
/// </summary>
internal sealed class RecordingTimeProvider(TimeProvider? clock = null) : TimeProvider
{
    private readonly TimeProvider _clock = clock ?? System;
    private readonly ConcurrentQueue<TimeSpan> _timers = new();
    private long _skippedTicks;

    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _skippedTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Enqueue(dueTime);
        return _clock.CreateTimer(callback, state, dueTime, period);
    }

    public void Skip(TimeSpan forward) => Interlocked.Add(ref _skippedTicks, forward.Ticks);

    public void ClearTimers() => _timers.Clear();
}
