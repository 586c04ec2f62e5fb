using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Octokit.Webhooks;

namespace TrunkExporter.Webhooks;

/// <summary>
/// POST /webhooks/github: checks a delivery, answers at once and leaves the work to <see cref="WebhookApplier"/>.
/// Built on Octokit.Webhooks' signature validator rather than Octokit.Webhooks.AspNetCore's MapGitHubWebhooks,
/// which answers 200 to a request without a content type, 500 to a malformed payload and reads any body
/// into memory without a bound (and reads payloads with the event models <see cref="WebhookTranslator"/> explains).
/// </summary>
internal sealed partial class WebhookReceiver(
    string secret,
    BranchEvents events,
    DeliveryMemory deliveries,
    WebhookMetrics metrics,
    TimeProvider time,
    ILogger<WebhookReceiver> logger)
{
    public const string Path = "/webhooks/github";

    /// <summary>GitHub caps a payload at 25 MB and drops larger ones; nothing larger can be a delivery.</summary>
    public const long MaxBodyBytes = 25L * 1024 * 1024;

    /// <summary>The events the exporter reads; any other (GitHub sends what the hook selects) is ignored unread.</summary>
    private static readonly HashSet<string> Handled = new(StringComparer.Ordinal) { "workflow_job", "workflow_run", "push" };

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var eventName = request.Headers["X-GitHub-Event"] is { Count: 1 } header && !string.IsNullOrWhiteSpace(header[0]) ? header[0]! : null;
        if (!IsJson(request.ContentType))
        {
            await AnswerAsync(context, eventName, StatusCodes.Status415UnsupportedMediaType, WebhookResult.Invalid,
                "a delivery must have Content-Type application/json: set the hook's content type to application/json").ConfigureAwait(false);
            return;
        }

        if (eventName is null)
        {
            await AnswerAsync(context, eventName, StatusCodes.Status400BadRequest, WebhookResult.Invalid, "a delivery must have one X-GitHub-Event header").ConfigureAwait(false);
            return;
        }

        var body = await ReadBoundedAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await AnswerAsync(context, eventName, StatusCodes.Status413PayloadTooLarge, WebhookResult.Invalid, $"a delivery is at most {MaxBodyBytes} bytes").ConfigureAwait(false);
            return;
        }

        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        if (WebhookSignatureValidator.Verify(signature, secret, body) != WebhookSignatureValidationResult.Valid)
        {
            Unauthorized(logger, string.IsNullOrEmpty(signature) ? "no X-Hub-Signature-256 header" : "X-Hub-Signature-256 does not match");
            await AnswerAsync(context, eventName, StatusCodes.Status401Unauthorized, WebhookResult.Unauthorized,
                "the X-Hub-Signature-256 signature is missing or does not match: the hook's secret must equal the exporter's").ConfigureAwait(false);
            return;
        }

        if (!Handled.Contains(eventName))
        {
            await AnswerAsync(context, eventName, StatusCodes.Status200OK, WebhookResult.Ignored, "ignored: not an event the exporter reads").ConfigureAwait(false);
            return;
        }

        // After the signature check: a forged delivery cannot make a real one look like a redelivery.
        if (request.Headers["X-GitHub-Delivery"].ToString() is { Length: > 0 } id && !deliveries.TryRemember(id))
        {
            await AnswerAsync(context, eventName, StatusCodes.Status200OK, WebhookResult.Duplicate, "already applied: a redelivery").ConfigureAwait(false);
            return;
        }

        IReadOnlyList<BranchEvent> changes;
        try
        {
            using var payload = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            if (Text(payload.RootElement, "repository", "full_name") is { } repo && events.WatchedRepository(repo) is { } watched)
            {
                metrics.Delivered(watched);
            }

            changes = WebhookTranslator.Translate(eventName, payload.RootElement, events, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            await AnswerAsync(context, eventName, StatusCodes.Status400BadRequest, WebhookResult.Invalid, $"the {eventName} payload cannot be read: {ex.Message}").ConfigureAwait(false);
            return;
        }

        if (changes.Count == 0)
        {
            await AnswerAsync(context, eventName, StatusCodes.Status200OK, WebhookResult.Ignored, "ignored: not about a watched branch, or nothing the exporter uses").ConfigureAwait(false);
            return;
        }

        events.Post(changes);
        await AnswerAsync(context, eventName, StatusCodes.Status202Accepted, WebhookResult.Applied, "accepted").ConfigureAwait(false);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/>; Kestrel enforces the same limit while it streams.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream(context.Request.ContentLength is { } length ? (int)length : 64 * 1024);
        var chunk = new byte[64 * 1024];
        try
        {
            for (int read; (read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0;)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static string? Text(JsonElement element, string member, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(member, out var inner) && inner.ValueKind == JsonValueKind.Object
        && inner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private Task AnswerAsync(HttpContext context, string? eventName, int status, string result, string message)
    {
        metrics.Counted(eventName, result);
        context.Response.StatusCode = status;
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Refused a webhook delivery: {Reason}; check that the hook's secret equals the exporter's")]
    private static partial void Unauthorized(ILogger logger, string reason);
}
