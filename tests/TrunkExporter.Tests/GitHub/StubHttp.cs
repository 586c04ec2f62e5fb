using System.Collections.Concurrent;

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

internal sealed class StubHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}
