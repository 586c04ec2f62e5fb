using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Octokit.Internal;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;

namespace TrunkExporter.GitHub;

internal static class GitHubServiceCollectionExtensions
{
    /// <summary>The GitHub client and the <see cref="GitHubTrunkReader"/> that the GitHub source and <c>record</c> build on.</summary>
    public static IServiceCollection AddGitHubReader(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGitHubClient(configuration);
        services.AddSingleton<GitHubLists>();
        services.AddSingleton<GitHubTrunkReader>();
        return services;
    }

    /// <summary>The options, credentials and the one named HttpClient (with Octokit's transport over it): what every GitHub user shares.</summary>
    public static IServiceCollection AddGitHubClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitHubOptions>()
            .Bind(configuration.GetSection(GitHubOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();

        // One handler chain for every GitHub request, outermost first.
        services.AddTransient<SignInHandler>();
        services.AddTransient<RateLimitGovernor>();
        services.AddTransient<ContentCreationLimiter>();
        services.AddTransient<SecondaryLimitHandler>();
        services.AddTransient<ETagCacheHandler>();
        services.AddTransient<CountingHandler>();
        var client = services.AddHttpClient(GitHubHttp.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<SignInHandler>()
            .AddHttpMessageHandler<RateLimitGovernor>()
            .AddHttpMessageHandler<ContentCreationLimiter>()
            .AddHttpMessageHandler<SecondaryLimitHandler>()
            .AddHttpMessageHandler<ETagCacheHandler>();
        client.AddResilienceHandler(GitHubResilience.PipelineName, (pipeline, context) => GitHubResilience.Configure(
            pipeline,
            context.ServiceProvider.GetRequiredService<IOptions<GitHubOptions>>().Value,
            context.ServiceProvider.GetRequiredService<RateLimitTracker>(),
            context.ServiceProvider.GetRequiredService<TimeProvider>(),
            context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GitHubResilience).FullName!)));
        client.AddHttpMessageHandler<CountingHandler>()

            // Innermost: every body is bounded before anything above buffers it.
            .AddHttpMessageHandler(provider => new ResponseSizeLimitHandler(provider.GetRequiredService<IOptions<GitHubOptions>>().Value.MaxResponseBytes))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // The factory's own loggers would add a line per request (and a 401 must stay one clear line).
            .RemoveAllLoggers();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GitHubCredentials>();
        services.AddSingleton<GitHubAppTokens>();
        services.AddSingleton<RateLimitTracker>();
        services.AddSingleton<ContentCreationBudget>();
        services.AddSingleton<SecondaryRateLimiter>();
        services.AddSingleton<ETagCache>();
        services.AddSingleton<GitHubSelfMetrics>();
        services.AddSingleton<IHttpClient, FactoryHttpClient>();
        return services;
    }
}
