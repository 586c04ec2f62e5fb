using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;
using TrunkExporter.Refresh;

namespace TrunkExporter.Hud;

/// <summary>The HUD routes. They read the published state (lock-free) and never wait for a refresh or call GitHub.</summary>
internal static class HudEndpoints
{
    /// <summary>
    /// A branch's page, rendered once per published state: a refresh replaces the state object, so the
    /// next request renders the new one, and a page of an old state goes with it.
    /// </summary>
    private static readonly ConditionalWeakTable<RepositoryState, string> Pages = new();

    public static void MapHud(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context, TrunkStateStore store, IConfiguration configuration, IOptions<ExporterOptions> options) =>
            Page(context, HudIndexPage.Render(store.Current, HudSettings.From(configuration, options.Value))));

        // A branch may contain slashes (release/2.5), hence the catch-all; GitHub names are case-insensitive, branches are not.
        endpoints.MapGet("/hud/{owner}/{name}/{**branch}", (HttpContext context, string owner, string name, string? branch, TrunkStateStore store, IConfiguration configuration, IOptions<ExporterOptions> options) =>
        {
            var repo = $"{owner}/{name}";
            var state = store.Current.FirstOrDefault(candidate =>
                string.Equals(candidate.Target.Repo, repo, StringComparison.OrdinalIgnoreCase) && string.Equals(candidate.Target.Branch, branch, StringComparison.Ordinal));
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
