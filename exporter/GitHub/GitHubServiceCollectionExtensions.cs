using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrunkExporter.Refresh;

namespace TrunkExporter.GitHub;

internal static class GitHubServiceCollectionExtensions
{
    /// <summary>The GitHub client and the <see cref="GitHubSource"/>; also what <c>record</c> builds on.</summary>
    public static IServiceCollection AddGitHubSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitHubOptions>()
            .Bind(configuration.GetSection(GitHubOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();
        services.AddHttpClient(GitHubHttp.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // The factory's own loggers would add a line per request (and a 401 must stay one clear line).
            .RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(GitHubEconomy.Full);
        services.AddSingleton<GitHubCredentials>();
        services.AddSingleton<RateLimitTracker>();
        services.AddSingleton<GitHubSelfMetrics>();
        services.AddSingleton<GitHubHttp>();
        services.AddSingleton<GitHubClient>();
        services.AddSingleton<GitHubTrunkReader>();
        services.AddSingleton<ITrunkSource, GitHubSource>();
        return services;
    }
}
