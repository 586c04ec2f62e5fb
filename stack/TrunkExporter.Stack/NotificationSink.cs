using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace TrunkExporter.Stack;

/// <summary>
/// The local stack's stand-in for pager, ticket and chat: Alertmanager posts raw webhooks to
/// <c>/alerts/{receiver}</c> and Slack-style messages, rendered by the shipped templates, to
/// <c>/messages/{receiver}</c>. It also serves the runbooks at <c>/runbooks/</c>, so every
/// <c>runbook_url</c> of the local stack resolves.
/// </summary>
internal sealed class NotificationSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedNotification> _webhooks = new();
    private readonly ConcurrentQueue<RenderedMessage> _messages = new();
    private readonly TimeProvider _time;
    private readonly Action<RenderedMessage>? _onMessage;

    private NotificationSink(WebApplication app, TimeProvider time, Action<RenderedMessage>? onMessage)
    {
        _app = app;
        _time = time;
        _onMessage = onMessage;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedNotification> Webhooks => [.. _webhooks];

    public IReadOnlyList<RenderedMessage> Messages => [.. _messages];

    /// <param name="port">0 lets the system pick a free port when binding, so no other process can take it first.</param>
    /// <param name="onMessage">Called for every rendered message, e.g. to print it (the demo).</param>
    public static async Task<NotificationSink> StartAsync(
        int port,
        string runbooksDirectory,
        TimeProvider? time = null,
        Action<RenderedMessage>? onMessage = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        try
        {
            var sink = new NotificationSink(app, time ?? TimeProvider.System, onMessage);
            sink.Map(app, Path.GetFullPath(runbooksDirectory));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            sink.BaseAddress = new Uri(address.TrimEnd('/') + "/");
            return sink;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits (bounded) for a webhook that matches, received at or after <paramref name="since"/>.</summary>
    public async Task<ReceivedNotification> WaitForWebhookAsync(
        Func<ReceivedNotification, bool> match,
        TimeSpan timeout,
        string description,
        CancellationToken cancellationToken = default)
    {
        ReceivedNotification? found = null;
        await BoundedWait.UntilAsync(
            _ => Task.FromResult((found = _webhooks.FirstOrDefault(match)) is not null),
            timeout,
            () => $"no webhook {description}; received: {DescribeWebhooks()}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return found!;
    }

    public string DescribeWebhooks() => _webhooks.IsEmpty
        ? "none"
        : string.Join("; ", _webhooks.Select(hook =>
            $"{hook.ReceivedAt:HH:mm:ss.fff} {hook.Receiver} {hook.Message.Status} [{string.Join(", ", hook.Message.Alerts.Select(alert => $"{alert.Labels.GetValueOrDefault("alertname")} {alert.Status}"))}]"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(IEndpointRouteBuilder endpoints, string runbooksDirectory)
    {
        endpoints.MapPost("/alerts/{receiver}", async (string receiver, HttpRequest request) =>
        {
            var message = await JsonSerializer.DeserializeAsync<WebhookMessage>(request.Body).ConfigureAwait(false);
            if (message is null)
            {
                return Results.BadRequest();
            }

            _webhooks.Enqueue(new ReceivedNotification(receiver, _time.GetUtcNow(), message));
            return Results.Ok();
        });

        endpoints.MapPost("/messages/{receiver}", async (string receiver, HttpRequest request) =>
        {
            using var document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
            foreach (var attachment in document.RootElement.TryGetProperty("attachments", out var list) ? list.EnumerateArray() : default)
            {
                var message = new RenderedMessage(
                    receiver,
                    _time.GetUtcNow(),
                    attachment.TryGetProperty("title", out var title) ? title.GetString() ?? string.Empty : string.Empty,
                    attachment.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty);
                _messages.Enqueue(message);
                _onMessage?.Invoke(message);
            }

            return Results.Ok();
        });

        endpoints.MapGet("/runbooks/{name}", (string name) =>
        {
            // Only plain file names of the runbooks folder: no paths, no traversal.
            var path = Path.Combine(runbooksDirectory, name);
            return name.IndexOfAny(['/', '\\']) < 0 && !name.StartsWith('.') && File.Exists(path)
                ? Results.File(path, "text/markdown; charset=utf-8")
                : Results.NotFound($"No runbook {name} in {runbooksDirectory}\n");
        });

        endpoints.MapGet("/", () => Results.Text("trunk-stack notification sink: POST /alerts/{receiver}, POST /messages/{receiver}, GET /runbooks/{name}\n"));
    }
}
