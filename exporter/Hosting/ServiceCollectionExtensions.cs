using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;
using TrunkExporter.Files;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;
using TrunkExporter.Sources;

namespace TrunkExporter.Hosting;

/// <summary>
/// The composition root (docs/architecture.md): validated options; the published state
/// (<see cref="TrunkStateStore"/>) and what renders it (<see cref="ServedMetrics"/>, <see cref="TrunkPublisher"/>);
/// the sources, tried in order (<see cref="ReplaySource"/> for a branch with a replay file, then
/// <see cref="GitHubSource"/>); and the <see cref="RefreshWorker"/> that drives <see cref="BranchRefresher"/>
/// on the interval. A new source is one more <see cref="ITrunkSource"/> registration here.
/// </summary>
internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddTrunkExporter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExporterOptions>()
            .Bind(configuration.GetSection(ExporterOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExporterOptions>, ExporterOptionsValidator>();
        services.AddSingleton<IValidateOptions<ExporterOptions>>(new BindingCompletenessValidator(configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new TrunkStateStore(
            provider.GetRequiredService<IOptions<ExporterOptions>>().Value.Repositories.Select(BranchTarget.From)));
        services.AddSingleton<ServedMetrics>();
        services.AddSingleton(provider => provider.GetRequiredService<ServedMetrics>().Registry);
        services.AddSingleton<TrunkPublisher>();
        services.AddSingleton<RefreshMetrics>();
        services.AddHostedService<MetricsActivation>();
        services.AddSingleton<ITrunkSource>(provider => new ReplaySource(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<ExporterOptions>>().Value.MaxSnapshotBytes));
        services.AddGitHubReader(configuration);
        services.AddSingleton(provider => new BranchCacheStore(
            DataDirectory.Resolve(provider.GetRequiredService<IOptions<ExporterOptions>>().Value.DataDirectory).Path,
            provider.GetRequiredService<ILogger<BranchCacheStore>>(),
            provider.GetRequiredService<ServedMetrics>().Registry));
        services.AddSingleton<ITrunkSource, GitHubSource>();
        services.AddSingleton<BranchRefresher>();
        services.AddHostedService<RefreshWorker>();
        return services;
    }
}
