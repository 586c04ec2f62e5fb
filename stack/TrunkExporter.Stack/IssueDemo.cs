using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Hosting;
using TrunkExporter.IssueBridge;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Stack;

/// <summary>
/// <c>ISSUES=1 make demo</c>: the local stack with Alertmanager's github-issues receiver enabled, posting to the
/// issue bridge (in this process), which files its issues in the project's fake GitHub. Disposing stops it all.
/// </summary>
internal sealed class IssueDemo : IAsyncDisposable
{
    public const string IssueRepository = "pytorch/test-infra";

    private readonly DirectoryInfo _directory;

    private IssueDemo(DirectoryInfo directory, FakeGitHubServer github, WebApplication bridge, Uri bridgeAddress)
    {
        _directory = directory;
        GitHub = github;
        Bridge = bridge;
        BridgeAddress = bridgeAddress;
    }

    public FakeGitHubServer GitHub { get; }

    public WebApplication Bridge { get; }

    public Uri BridgeAddress { get; }

    public LocalStack Stack { get; private set; } = null!;

    public static async Task<IssueDemo> StartAsync(StackOptions options, Action<RenderedMessage>? onMessage, Action<string>? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Directory.CreateTempSubdirectory("trunk-issue-demo-");
        var github = await FakeGitHubServer.StartAsync(Array.Empty<TrunkSnapshot>()).ConfigureAwait(false);
        WebApplication? bridge = null;
        try
        {
            var secret = Path.Combine(directory.FullName, "bridge.token");
            await File.WriteAllTextAsync(secret, $"demo-{Guid.NewGuid():N}\n", cancellationToken).ConfigureAwait(false);
            var token = Path.Combine(directory.FullName, "github.token");
            await File.WriteAllTextAsync(token, "ghp_demo0000000000000000000000000000000\n", cancellationToken).ConfigureAwait(false);
            var alertmanagerPort = FreePort.Next();
            bridge = IssueBridgeApp.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--TrunkExporter:IssueBridge:Repository={IssueRepository}",
                $"--TrunkExporter:IssueBridge:BearerTokenFile={secret}",
                $"--TrunkExporter:IssueBridge:AlertmanagerUrl=http://127.0.0.1:{alertmanagerPort.ToString(CultureInfo.InvariantCulture)}",
                $"--TrunkExporter:DataDirectory={Path.Combine(directory.FullName, "bridge-state")}",
                $"--TrunkExporter:GitHub:ApiBaseUrl={github.ApiBaseUrl}",
                $"--TrunkExporter:GitHub:TokenFile={token}",
            ], builder =>
            {
                builder.Logging.ClearProviders();
                if (log is not null)
                {
                    builder.Logging.AddProvider(new LineLogger(log));
                }
            });
            await bridge.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = new Uri(bridge.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
            var demo = new IssueDemo(directory, github, bridge, address);
            try
            {
                demo.Stack = await LocalStack.StartAsync(
                    options with { Issues = new IssueReceiver(new Uri(address, WebhookEndpoint.Path), secret), AlertmanagerPort = alertmanagerPort },
                    onMessage,
                    cancellationToken).ConfigureAwait(false);
                return demo;
            }
            catch
            {
                await demo.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch when (bridge is null)
        {
            await github.DisposeAsync().ConfigureAwait(false);
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>An issue as the demo prints it: number, state, title, labels, body and comments.</summary>
    public static string Describe(FakeIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var comments = string.Concat(issue.Comments.Select(comment => $"\n  -- comment at {comment.CreatedAt:HH:mm:ss}:\n  {comment.Body.TrimEnd().Replace("\n", "\n  ", StringComparison.Ordinal)}\n"));
        return string.Create(CultureInfo.InvariantCulture, $"""
            ---- GitHub issue {issue.Repo}#{issue.Number} ({issue.State}) at {issue.CreatedAt:HH:mm:ss} ----
            {issue.Title}
            labels: {string.Join(", ", issue.Labels)}

            {issue.Body.TrimEnd()}
            {comments}
            """);
    }

    public async ValueTask DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync().ConfigureAwait(false);
        }

        await Bridge.StopAsync().ConfigureAwait(false);
        await Bridge.DisposeAsync().ConfigureAwait(false);
        await GitHub.DisposeAsync().ConfigureAwait(false);
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Something still holds a file; the OS temp cleaner gets it.
        }
    }

    /// <summary>The bridge's log lines, one per line, to the demo's output.</summary>
    private sealed class LineLogger(Action<string> write) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && eventId.Id >= 700 && eventId.Id < 800)
            {
                write($"issue-bridge: {formatter(state, exception)}");
            }
        }

        public void Dispose()
        {
        }
    }
}
