using Microsoft.Extensions.Logging;
using TrunkExporter.Refresh;

namespace TrunkExporter.Webhooks;

/// <summary>
/// Publishes branches with new events, after the deliveries were answered. Bursts coalesce: the first
/// event waits <see cref="Gather"/> for the ones behind it, and a branch is published at most once per
/// <see cref="Spacing"/>; a publication re-calculates from the last poll and costs no GitHub request.
/// </summary>
internal sealed partial class WebhookApplier(BranchEvents events, BranchRefresher refresher, TimeProvider time, ILogger<WebhookApplier> logger) : BackgroundService
{
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1);

    private long _publications;

    /// <summary>Branch publications caused by events since start (what a burst costs).</summary>
    public long Publications => Interlocked.Read(ref _publications);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await events.WaitAsync(stoppingToken).ConfigureAwait(false))
            {
                var started = time.GetTimestamp();
                await Task.Delay(Gather, time, stoppingToken).ConfigureAwait(false);
                foreach (var target in events.TakeDirty())
                {
                    try
                    {
                        if (await refresher.ReapplyAsync(target, stoppingToken).ConfigureAwait(false))
                        {
                            Interlocked.Increment(ref _publications);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // One branch's bad event must not stop the others; the next poll publishes it anyway.
                        ApplyFailed(logger, target.Repo, target.Branch, ex.Message);
                    }
                }

                var rest = Spacing - time.GetElapsedTime(started);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Applying webhook events to {Repo} branch {Branch} failed; the next poll reconciles: {Reason}")]
    private static partial void ApplyFailed(ILogger logger, string repo, string branch, string reason);
}
