using System.Globalization;
using System.Text;

namespace TrunkExporter.Stack;

/// <summary>The demo with two of everything (make demo-ha): says where each server is and prints every notification until stopped.</summary>
internal static class HaDemo
{
    public static async Task<int> RunAsync(string snapshot, TextWriter output, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(snapshot))
        {
            throw new FileNotFoundException($"no snapshot file {snapshot}: pass one of samples/*.json, or record one with 'trunk-exporter record'");
        }

        var print = TextWriter.Synchronized(output);
        await print.WriteLineAsync($"Starting the HA trunk stack (two exporters, two Prometheus servers, two clustered Alertmanagers) on {snapshot}...").ConfigureAwait(false);
        await using var stack = await HaStack.StartAsync(
            new StackOptions { SnapshotFile = snapshot },
            new HaStackOptions(),
            message => print.Write(string.Create(CultureInfo.InvariantCulture, $"---- notification to {message.Receiver} at {message.ReceivedAt:HH:mm:ss} ----\n{message.Title}\n{message.Text.TrimEnd()}\n\n")),
            stop).ConfigureAwait(false);

        await print.WriteAsync(Describe(stack)).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await print.WriteLineAsync("Stopping the exporters, Prometheus servers, Alertmanagers and the sink...").ConfigureAwait(false);
        }

        return 0;
    }

    public static string Describe(HaStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var options = stack.Options;
        var text = new StringBuilder().AppendLine().AppendLine(CultureInfo.InvariantCulture, $"The HA trunk stack is up ({options.Repo} branch {options.Branch}, team {options.Team}):");
        for (var i = 0; i < HaStack.Replicas; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  exporter {i + 1}     http://{stack.ExporterTargets[i]}/metrics");
        }

        for (var i = 0; i < HaStack.Replicas; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  prometheus {i + 1}   {stack.PrometheusAddresses[i]}alerts   (scrapes both exporters, sends to both Alertmanagers)");
        }

        for (var i = 0; i < HaStack.Replicas; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  alertmanager {i + 1} {stack.AlertmanagerUrls[i]}/api/v2/status   (cluster peers; alerts at /api/v2/alerts)");
        }

        var am = stack.AlertmanagerUrls[0];
        return text.Append(string.Create(CultureInfo.InvariantCulture, $"""
              runbooks       {stack.Sink.BaseAddress}runbooks/TrunkBroken.md
              config         {stack.Directory}

            One notification per group reaches the sink, whichever Alertmanager sends it (the message's
            externalURL names it). A silence made on one Alertmanager holds on both:
              amtool --alertmanager.url={am} silence add alertname=TrunkBroken repo={options.Repo} --duration=2h --comment="demo"
              amtool --alertmanager.url={stack.AlertmanagerUrls[1]} silence query
            Notifications print below, as the templates render them. Ctrl-C stops everything.

            """)).ToString();
    }
}
