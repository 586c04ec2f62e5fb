using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;

namespace TrunkExporter.Tests.GitHub;

/// <summary>Answers requests from a queue of recorded answers (the last one repeats) and keeps the requests.</summary>
internal sealed class StubHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private readonly ConcurrentQueue<HttpRequestMessage> _requests = new();
    private int _next;

    public IReadOnlyList<HttpRequestMessage> Requests => [.. _requests];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        var index = Math.Min(Interlocked.Increment(ref _next) - 1, answers.Length - 1);
        return Task.FromResult(answers[index]());
    }
}

/// <summary>The exporter's whole GitHub stack (Octokit over the one handler chain) with a stub in place of the network.</summary>
internal sealed class StubGitHub : IDisposable
{
    private readonly ServiceProvider _services;

    public StubGitHub(StubHandler handler, GitHubOptions? options = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddGitHubReader(new ConfigurationBuilder().Build());
        services.AddSingleton(Options.Create(options ?? new GitHubOptions()));
        services.AddHttpClient(GitHubHttp.ClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        _services = services.BuildServiceProvider();
    }

    public GitHubLists Lists => _services.GetRequiredService<GitHubLists>();

    public GitHubSelfMetrics Metrics => _services.GetRequiredService<GitHubSelfMetrics>();

    public RateLimitTracker RateLimits => _services.GetRequiredService<RateLimitTracker>();

    public void Dispose() => _services.Dispose();
}
