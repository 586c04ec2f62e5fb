using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Benchmarks.Requests;

/// <summary>The exporter's GitHub reader, wired as the service wires it, with a given economy.</summary>
internal sealed class ClientUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ClientUnderTest(string apiBaseUrl, GitHubEconomy economy, SkippableTimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TrunkExporter:GitHub:ApiBaseUrl"] = apiBaseUrl,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddGitHubSource(configuration);
        services.AddSingleton(economy);
        services.AddSingleton(provider => new GitHubCredentials(provider.GetRequiredService<IOptions<GitHubOptions>>(), _ => "benchmark-token"));
        _services = services.BuildServiceProvider();
    }

    public GitHubOptions Options => _services.GetRequiredService<IOptions<GitHubOptions>>().Value;

    public Task<TrunkSnapshot> RefreshAsync(string repo, int window) =>
        _services.GetRequiredService<GitHubTrunkReader>().ReadAsync(repo, "main", window, CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
