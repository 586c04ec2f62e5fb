using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace TrunkExporter.IssueBridge;

/// <summary>
/// <c>POST /alertmanager/webhook</c>: bearer secret first (401, nothing read), then a bounded body (413),
/// then Alertmanager's payload version 4 (400). Each refusal is one log line and changes nothing. An
/// accepted notification answers 200 once every alert is applied, or 503 so that Alertmanager sends it
/// again (what was applied stays applied; the retry finds it done).
/// </summary>
internal static class WebhookEndpoint
{
    public const string Path = "/alertmanager/webhook";

    public static void MapIssueBridge(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync);
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        BearerSecret secret,
        IssueLifecycle lifecycle,
        BridgeMetrics metrics,
        IOptions<IssueBridgeOptions> options,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(WebhookEndpoint).FullName!);
        if (!secret.Accepts(context.Request.Headers.Authorization.ToString()))
        {
            metrics.Count("webhook", "unauthorized");
            BridgeLog.Refused(logger, 401, context.Request.Headers.Authorization.Count == 0 ? "no Authorization header" : "wrong bearer secret");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Text("unauthorized\n", statusCode: 401);
        }

        var limit = options.Value.MaxBodyBytes;
        byte[] body;
        try
        {
            body = await ReadBoundedAsync(context, limit).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            metrics.Count("webhook", "rejected");
            BridgeLog.Refused(logger, ex.StatusCode, ex.StatusCode == 413 ? $"body larger than {limit} bytes (TrunkExporter:IssueBridge:MaxBodyBytes)" : ex.Message);
            return Results.Text($"{(ex.StatusCode == 413 ? "body too large" : "bad request")}\n", statusCode: ex.StatusCode);
        }

        AlertmanagerNotification notification;
        try
        {
            notification = AlertmanagerNotification.Parse(body);
        }
        catch (NotificationFormatException ex)
        {
            metrics.Count("webhook", "rejected");
            BridgeLog.Refused(logger, 400, $"not an Alertmanager webhook payload: {ex.Message}");
            return Results.Text($"not an Alertmanager webhook payload (version 4): {ex.Message}\n", statusCode: 400);
        }

        if (await lifecycle.ApplyAsync(notification, context.RequestAborted).ConfigureAwait(false))
        {
            metrics.Count("webhook", "ok");
            return Results.Text("ok\n");
        }

        metrics.Count("webhook", "failed");
        return Results.Text("not applied; send it again\n", statusCode: 503);
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
