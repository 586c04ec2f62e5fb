using System.CommandLine;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;
using TrunkExporter.Core;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Health;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Cli;

/// <summary>
/// <c>trunk-exporter record --repo OWNER/NAME --branch main --out FILE</c>: captures a live trunk from
/// GitHub as a snapshot file (contract section 6), to replay in a bug report, a demo or a test.
/// </summary>
internal static class RecordCommand
{
    public static Command Create()
    {
        var repo = new Option<string>("--repo") { Description = "GitHub repository, owner/name.", Required = true };
        var branch = new Option<string>("--branch") { Description = "Branch to record.", DefaultValueFactory = _ => "main" };
        var output = new Option<FileInfo>("--out") { Description = "Snapshot file to write (replaced atomically).", Required = true };
        var window = new Option<int>("--window") { Description = "Newest commits to record.", DefaultValueFactory = _ => ScopeSettings.DefaultWindow };
        var apiUrl = new Option<string>("--api-url")
        {
            Description = "GitHub REST API root; https://HOST/api/v3 for GitHub Enterprise Server.",
            DefaultValueFactory = _ => GitHubOptions.DefaultApiBaseUrl,
        };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "File holding the token, when GITHUB_TOKEN is not set." };

        var command = new Command("record", "Record a branch's trunk from GitHub into a snapshot file (GITHUB_TOKEN or --token-file).")
        {
            repo, branch, output, window, apiUrl, tokenFile,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new RecordRequest(
                result.GetValue(repo)!,
                result.GetValue(branch)!,
                result.GetValue(output)!,
                result.GetValue(window),
                result.GetValue(apiUrl)!,
                result.GetValue(tokenFile)),
            Console.Out,
            Console.Error,
            environment: null,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(
        RecordRequest request,
        TextWriter output,
        TextWriter error,
        Func<string, string?>? environment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!RepositoryName.IsValid(request.Repo))
        {
            await error.WriteLineAsync($"trunk-exporter: --repo must be {RepositoryName.Form} (got '{request.Repo}').").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (!CommitWindow.IsValid(request.Window))
        {
            await error.WriteLineAsync($"trunk-exporter: --window must be {CommitWindow.Range} (got {request.Window}).").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await using var services = BuildServices(request, environment);
        GitHubTrunkReader reader;
        try
        {
            reader = services.GetRequiredService<GitHubTrunkReader>();
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync($"trunk-exporter: {ForCommandLine(failure)}").ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        TrunkSnapshot snapshot;
        try
        {
            snapshot = await reader.ReadAsync(request.Repo, request.Branch, request.Window, cancellationToken).ConfigureAwait(false);
        }
        catch (GitHubException ex)
        {
            await error.WriteLineAsync($"trunk-exporter: record failed: {ForCommandLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.GitHubFailed;
        }

        try
        {
            SnapshotWriter.WriteFile(snapshot, request.Out.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"trunk-exporter: cannot write {request.Out.FullName}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var requests = services.GetRequiredService<GitHubSelfMetrics>().Requests();
        await output.WriteLineAsync(
            $"Recorded {request.Repo} branch {request.Branch}: {snapshot.Commits.Count} commits, {snapshot.Commits.Sum(commit => commit.Jobs.Count)} job runs, in {request.Out.FullName} ({requests} GitHub requests).")
            .ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Messages name the service's configuration keys; here the options are command-line flags.</summary>
    private static string ForCommandLine(string message) => message
        .Replace(GitHubOptions.SectionName + ":ApiBaseUrl", "--api-url", StringComparison.Ordinal)
        .Replace(GitHubOptions.SectionName + ":TokenFile", "--token-file", StringComparison.Ordinal);

    private static ServiceProvider BuildServices(RecordRequest request, Func<string, string?>? environment)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{GitHubOptions.SectionName}:ApiBaseUrl"] = request.ApiUrl,
            [$"{GitHubOptions.SectionName}:TokenFile"] = request.TokenFile?.FullName,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();

        // Retries and rate-limit waits are worth seeing while recording; on stderr, so stdout stays the summary.
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(console => console.SingleLine = true)
            .Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddGitHubReader(configuration);
        if (environment is not null)
        {
            services.AddSingleton(provider => new GitHubCredentials(provider.GetRequiredService<IOptions<GitHubOptions>>(), environment));
        }

        return services.BuildServiceProvider();
    }
}

internal sealed record RecordRequest(string Repo, string Branch, FileInfo Out, int Window, string ApiUrl, FileInfo? TokenFile = null);
