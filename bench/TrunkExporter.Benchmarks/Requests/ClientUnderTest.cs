using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Benchmarks.Requests;

/// <summary>The exporter's GitHub reader, wired as the service wires it.</summary>
internal sealed class ClientUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ClientUnderTest(string apiBaseUrl, FakeTimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TrunkExporter:GitHub:ApiBaseUrl"] = apiBaseUrl,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddGitHubReader(configuration);

        // The secondary-limit pacing on the wall clock: on the fake clock, which this benchmark moves only
        // between refreshes, a cold start's 801st point would wait forever. Pacing never changes a count.
        services.AddSingleton(provider => new SecondaryRateLimiter(provider.GetRequiredService<IOptions<GitHubOptions>>(), TimeProvider.System));
        services.AddSingleton(provider => new GitHubCredentials(provider.GetRequiredService<IOptions<GitHubOptions>>(), _ => "benchmark-token"));
        _services = services.BuildServiceProvider();
    }

    public GitHubOptions Options => _services.GetRequiredService<IOptions<GitHubOptions>>().Value;

    /// <param name="inScope">The repository's workflow scope, as the service passes it; null reads every workflow.</param>
    public Task<TrunkSnapshot> RefreshAsync(string repo, int window, Func<string, bool>? inScope) =>
        _services.GetRequiredService<GitHubTrunkReader>().ReadAsync(repo, "main", window, inScope, CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
