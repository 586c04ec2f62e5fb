using System.Diagnostics;

namespace TrunkExporter.Stack;

/// <summary>Polls a condition until it holds, a process it depends on dies, or the time is up; never waits forever.</summary>
internal static class BoundedWait
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <param name="condition">Checked repeatedly; an <see cref="HttpRequestException"/> counts as "not yet".</param>
    /// <param name="timeout">How long to keep polling.</param>
    /// <param name="describeTimeout">The message of the <see cref="TimeoutException"/>: what was awaited and what was seen.</param>
    /// <param name="process">When it exits, waiting stops at once with its output.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task UntilAsync(
        Func<CancellationToken, Task<bool>> condition,
        TimeSpan timeout,
        Func<string> describeTimeout,
        ManagedProcess? process = null,
        CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (process is not null && await process.HasExitedAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"{describeTimeout()}\n{process.Describe()}");
            }

            try
            {
                if (await condition(cancellationToken))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One request timed out; the overall bound still applies.
            }

            if (started.Elapsed >= timeout)
            {
                var tail = process is null ? string.Empty : $"\n{process.Describe()}";
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:F0} s: {describeTimeout()}{tail}");
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}
