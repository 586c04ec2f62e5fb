namespace TrunkExporter.Tests.Support;

/// <summary>
/// A clock the test moves by hand (FakeTimeProvider is not on our package mirror). Its timers are
/// manual too: a timer fires only when <see cref="Advance"/> reaches its due time, so a wait of
/// seconds costs no real time and never races the test.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How long until each pending timer fires, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return [.. _timers.Select(timer => timer.Due - _now).Order()];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock on and fires, in due order, every timer that has come due (a periodic one once).</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            due = [.. _timers.Where(timer => timer.Due <= _now).OrderBy(timer => timer.Due)];
            foreach (var timer in due)
            {
                Reschedule(timer);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Reschedule(ManualTimer timer)
    {
        if (timer.Period <= TimeSpan.Zero)
        {
            _timers.Remove(timer);
            return;
        }

        while (timer.Due <= _now)
        {
            timer.Due += timer.Period;
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                Due = clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                clock._timers.Add(this);
            }

            if (dueTime == TimeSpan.Zero)
            {
                // Due at once, but not inside the caller's constructor (a CancellationTokenSource's, say).
                ThreadPool.QueueUserWorkItem(_ => clock.Advance(TimeSpan.Zero));
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
