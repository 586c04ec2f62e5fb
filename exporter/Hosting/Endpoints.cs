using System.Text;
using Prometheus;
using TrunkExporter.Hud;
using TrunkExporter.Refresh;

namespace TrunkExporter.Hosting;

internal static class Endpoints
{
    public static void MapExporterEndpoints(this IEndpointRouteBuilder endpoints, CollectorRegistry registry)
    {
        // prometheus-net's endpoint: text 0.0.4, or OpenMetrics 1.0.0 when the scraper's Accept asks for it.
        endpoints.MapMetrics(settings => settings.Registry = registry);

        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));

        // 200 exactly when the store says every branch is ready (TrunkStateStore.IsReady); the lines say why not.
        endpoints.MapGet("/readyz", (TrunkStateStore store) =>
        {
            var ready = store.IsReady;
            var states = store.Current;
            var text = new StringBuilder();
            foreach (var state in states)
            {
                text.Append(state.Target.Repo).Append(" branch ").Append(state.Target.Branch).Append(": ")
                    .Append(state.IsReady ? "ready" : state.NeedsOperator ? "needs an operator" : "not refreshed successfully yet")
                    .Append(state.LastError is { } error ? $" (last error: {error})" : string.Empty)
                    .Append('\n');
            }

            return Results.Text(text.ToString(), statusCode: ready ? 200 : 503);
        });

        // The HUD pages: / (the watched branches) and /hud/{owner}/{repo}/{branch} (the grid).
        endpoints.MapHud();
    }
}
