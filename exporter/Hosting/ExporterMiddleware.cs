namespace TrunkExporter.Hosting;

/// <summary>The exporter's own request rules, ahead of the endpoints.</summary>
internal static class ExporterMiddleware
{
    /// <summary>
    /// Every endpoint is a GET, but a POST to <paramref name="postPath"/> (the webhook receiver, a 404 when
    /// webhooks are off). Any other method is answered 405 before the request metrics see it:
    /// their `method` label takes whatever a client sends, and each new value would be a series that
    /// never leaves the registry.
    /// </summary>
    public static IApplicationBuilder UseGetOnly(this IApplicationBuilder app, PathString postPath) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                || (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(postPath, StringComparison.Ordinal)))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            await context.Response.WriteAsync("only GET and HEAD are served\n", context.RequestAborted).ConfigureAwait(false);
        });

    /// <summary>
    /// One /metrics collection at a time. Each collection first applies the newest published state
    /// to the gauges; a second scrape applying a newer state while the first is still writing would
    /// give the first a mix of two states (a commit's series from one, the streaks from the other).
    /// A render takes about a millisecond, so waiting costs nothing.
    /// </summary>
    public static IApplicationBuilder UseOneScrapeAtATime(this IApplicationBuilder app, PathString path)
    {
        var gate = new SemaphoreSlim(1, 1);
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.Equals(path, StringComparison.Ordinal))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            await gate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        });
    }
}
