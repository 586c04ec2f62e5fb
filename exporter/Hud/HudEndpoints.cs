using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;
using TrunkExporter.Core;
using TrunkExporter.Refresh;

namespace TrunkExporter.Hud;

/// <summary>The HUD routes. They read the published state (lock-free) and never wait for a refresh or call GitHub.</summary>
internal static class HudEndpoints
{
    /// <summary>
    /// A branch's page, rendered once per published state: a refresh replaces the state object, so the
    /// next request renders the new one, and a page of an old state goes with it.
    /// </summary>
    private static readonly ConditionalWeakTable<BranchState, string> Pages = new();

    public static void MapHud(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context, TrunkStateStore store, IConfiguration configuration, IOptions<ExporterOptions> options) =>
            Page(context, HudIndexPage.Render(store.Current, HudSettings.From(configuration, options.Value))));

        // A branch may contain slashes (release/2.5), hence the catch-all; BranchKey matches the repository case-insensitively and the branch exactly.
        endpoints.MapGet("/hud/{owner}/{name}/{**branch}", (HttpContext context, string owner, string name, string? branch, TrunkStateStore store, IConfiguration configuration, IOptions<ExporterOptions> options) =>
        {
            var repo = $"{owner}/{name}";
            var state = store.Find(new BranchKey(repo, branch ?? ""));
            if (state is null)
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Text($"trunk-exporter: {repo} branch {branch} is not watched here; / lists the watched branches.\n", statusCode: StatusCodes.Status404NotFound);
            }

            var settings = HudSettings.From(configuration, options.Value);
            return Page(context, Pages.GetValue(state, published => HudPage.Render(published, settings)));
        });
    }

    private static IResult Page(HttpContext context, string html)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = HudStyle.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
