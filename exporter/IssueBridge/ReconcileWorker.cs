using Microsoft.Extensions.Options;

namespace TrunkExporter.IssueBridge;

/// <summary>
/// Every <see cref="IssueBridgeOptions.ReconcileInterval"/>, when an Alertmanager is configured: closes the
/// open issues whose alert it no longer holds (<see cref="IssueLifecycle.ReconcileAsync"/>). A failed look
/// changes nothing and is tried again on the next tick.
/// </summary>
internal sealed class ReconcileWorker(AlertmanagerAlerts alertmanager, IssueLifecycle lifecycle, IOptions<IssueBridgeOptions> options, TimeProvider time, BridgeMetrics metrics)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!alertmanager.IsConfigured)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (await alertmanager.ActiveFingerprintsAsync(stoppingToken).ConfigureAwait(false) is { } active)
            {
                await lifecycle.ReconcileAsync(active, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                metrics.Count("reconcile", "failed");
            }
        }
    }
}
