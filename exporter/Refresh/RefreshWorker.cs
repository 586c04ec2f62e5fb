using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;

namespace TrunkExporter.Refresh;

/// <summary>
/// Refreshes every repository on its own loop, so a slow or failing repository never delays another.
/// The first refresh runs at start-up; the next ones follow the configured interval.
/// </summary>
internal sealed class RefreshWorker(
    TrunkStateStore store,
    BranchRefresher refresher,
    IOptions<ExporterOptions> options,
    TimeProvider time) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(store.Current.Select(state => RefreshLoopAsync(state.Target, stoppingToken)));

    private async Task RefreshLoopAsync(BranchTarget target, CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first (possibly slow) refresh.
        await Task.Yield();

        // The state an earlier run saved, published before the first refresh (which then costs 304s only).
        refresher.Restore(target);
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        try
        {
            do
            {
                await refresher.RefreshAsync(target, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
