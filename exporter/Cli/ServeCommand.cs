using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrunkExporter.Hosting;

namespace TrunkExporter.Cli;

/// <summary>
/// <c>trunk-exporter serve</c>, the default: every unrecognised token is handed to the host, so
/// ASP.NET Core's own flags work (<c>--urls</c>, <c>--TrunkExporter:Repositories:0:Repo=owner/name</c>).
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Serve /metrics, /healthz and /readyz, refreshing every configured repository (the default).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, cancellationToken) => RunAsync([.. result.UnmatchedTokens], Console.Error, cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(string[] hostArgs, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(hostArgs, error, configure: null, cancellationToken);

    /// <param name="configure">Changes to the host before it is built (tests).</param>
    public static async Task<int> RunAsync(string[] hostArgs, TextWriter error, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await using var app = ExporterApp.Build(hostArgs, configure);

            // The host stops when a worker throws, and RunAsync returns as if asked to stop: without this
            // check the process would exit 0 and Restart=on-failure would never bring it back.
            var workers = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToArray();
            try
            {
                await app.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && workers.Any(worker => worker.ExecuteTask is { IsFaulted: true }))
            {
                // A worker that fails while the server is still starting stops the host, which cancels
                // the start (Kestrel's bind among it); the failed worker is the reason to report, below.
            }

            if (workers.FirstOrDefault(worker => worker.ExecuteTask is { IsFaulted: true }) is { } failed)
            {
                var reason = failed.ExecuteTask!.Exception!.InnerException ?? failed.ExecuteTask.Exception;
                await error.WriteLineAsync($"trunk-exporter: stopped: {failed.GetType().Name} failed: {reason.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync($"trunk-exporter: configuration error: {failure}").ConfigureAwait(false);
            }

            return ExitCodes.BadConfiguration;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IOException)
        {
            await error.WriteLineAsync($"trunk-exporter: cannot start: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
    }
}
