using System.Text;
using TrunkExporter.Exposition;
using TrunkExporter.Hud;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;

namespace TrunkExporter.Hosting;

internal static class Endpoints
{
    public static void MapExporterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", (HttpRequest request, MetricsRenderer renderer) =>
        {
            var format = ContentNegotiation.Negotiate(request.Headers.Accept.ToString());
            return Results.Text(renderer.Render(format), ContentNegotiation.ContentType(format));
        });

        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));

        endpoints.MapGet("/readyz", (TrunkStateStore store) =>
        {
            var states = store.Current;
            var text = new StringBuilder();
            foreach (var state in states)
            {
                text.Append(state.Target.Repo).Append(" branch ").Append(state.Target.Branch).Append(": ")
                    .Append(state.IsReady ? "ready" : state.NeedsOperator ? "needs an operator" : "not refreshed successfully yet")
                    .Append(state.LastError is { } error ? $" (last error: {error})" : string.Empty)
                    .Append('\n');
            }

            return Results.Text(text.ToString(), statusCode: states.All(state => state.IsReady) ? 200 : 503);
        });

        // The HUD pages: / (the watched branches) and /hud/{owner}/{repo}/{branch} (the grid).
        endpoints.MapHud();
    }
}
