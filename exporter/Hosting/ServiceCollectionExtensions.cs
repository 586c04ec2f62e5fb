using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;

namespace TrunkExporter.Hosting;

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
            provider.GetRequiredService<IOptions<ExporterOptions>>().Value.Repositories.Select(RepositoryTarget.From)));
        services.AddSingleton<ServedMetrics>();
        services.AddSingleton(provider => provider.GetRequiredService<ServedMetrics>().Registry);
        services.AddSingleton<TrunkPublisher>();
        services.AddSingleton<RefreshMetrics>();
        services.AddHostedService<MetricsActivation>();
        services.AddSingleton<ITrunkSource>(provider => new ReplaySource(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<ExporterOptions>>().Value.MaxSnapshotBytes));
        services.AddGitHubSource(configuration);
        services.AddSingleton(provider => new BranchCacheStore(
            DataDirectory.Resolve(provider.GetRequiredService<IOptions<ExporterOptions>>().Value.DataDirectory).Path,
            provider.GetRequiredService<ILogger<BranchCacheStore>>(),
            provider.GetRequiredService<ServedMetrics>().Registry));
        services.AddSingleton<RepositoryRefresher>();
        services.AddHostedService<RefreshWorker>();
        return services;
    }
}
