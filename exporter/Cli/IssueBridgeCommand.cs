using System.CommandLine;
using Microsoft.Extensions.Options;
using TrunkExporter.Hosting;

namespace TrunkExporter.Cli;

/// <summary>
/// <c>trunk-exporter issue-bridge</c>: Alertmanager's webhook receiver that files, updates and closes a GitHub
/// issue per alert. Unrecognised tokens go to the host as for <c>serve</c> (<c>--urls</c>, <c>--TrunkExporter:…</c>).
/// </summary>
internal static class IssueBridgeCommand
{
    public static Command Create()
    {
        var command = new Command("issue-bridge", "Receive Alertmanager's webhook and keep one GitHub issue per alert (POST /alertmanager/webhook).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, cancellationToken) => RunAsync([.. result.UnmatchedTokens], Console.Error, configure: null, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string[] hostArgs, TextWriter error, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await using var app = IssueBridgeApp.Build(hostArgs, configure);
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync($"trunk-exporter issue-bridge: configuration error: {failure}").ConfigureAwait(false);
            }

            return ExitCodes.BadConfiguration;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"trunk-exporter issue-bridge: cannot start: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
    }
}
