using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;
using TrunkExporter.Files;
using TrunkExporter.GitHub;
using TrunkExporter.IssueBridge;

namespace TrunkExporter.Hosting;

/// <summary>The host of <c>trunk-exporter issue-bridge</c>: the webhook, /healthz, /readyz and its own /metrics.</summary>
internal static class IssueBridgeApp
{
    /// <summary>Only Alertmanager calls the bridge; it listens on loopback unless --urls says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:9474";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = SlimHost.Create(args, DefaultUrls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        services.AddOptions<IssueBridgeOptions>()
            .Bind(builder.Configuration.GetSection(IssueBridgeOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IssueBridgeOptions>, IssueBridgeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        services.AddSingleton(registry);
        services.AddGitHubClient(builder.Configuration);
        services.AddSingleton<BridgeMetrics>();
        services.AddSingleton(provider => new BridgeStore(DataDirectory.Resolve(builder.Configuration[DataDirectory.Key]).Path));
        services.AddSingleton<GitHubIssues>();
        services.AddHttpClient(AlertmanagerAlerts.ClientName).RemoveAllLoggers();
        services.AddSingleton<AlertmanagerAlerts>();
        services.AddSingleton<IssueLifecycle>();
        services.AddSingleton<BearerSecret>();
        services.AddHostedService<ReconcileWorker>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<IssueBridgeOptions>>((kestrel, bridge) =>
        {
            kestrel.Limits.MaxConcurrentConnections = 100;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Limits.MaxRequestBodySize = bridge.Value.MaxBodyBytes;
        });
        configure?.Invoke(builder);

        if (IssueBridgeConfiguration.Problems(builder.Configuration) is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(IssueBridgeOptions.SectionName, typeof(IssueBridgeOptions), problems);
        }

        var app = builder.Build();

        // At start, not on the first request: a missing secret or an unusable data directory is one line and exit 2.
        _ = app.Services.GetRequiredService<IOptions<IssueBridgeOptions>>().Value;
        _ = app.Services.GetRequiredService<BearerSecret>();
        var store = app.Services.GetRequiredService<BridgeStore>();
        app.Services.GetRequiredService<BridgeMetrics>().SetOpen(store.OpenByPriority());

        app.UseRouting();
        app.MapMetrics(settings => settings.Registry = registry);
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (BridgeStore state) =>
        {
            try
            {
                var open = state.OpenByPriority();
                return Results.Text($"ready: {open.Values.Sum()} open issue(s) in {state.Path}\n");
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                return Results.Text($"state database unusable: {ex.Message}\n", statusCode: 503);
            }
        });
        app.MapIssueBridge();
        return app;
    }
}

/// <summary>The raw configuration check of the bridge: the exporter's shape (one file can serve both commands) and the listen addresses.</summary>
internal static class IssueBridgeConfiguration
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ExporterConfiguration.Problems(configuration);
    }
}
