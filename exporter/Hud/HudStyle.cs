using System.Security.Cryptography;
using System.Text;

namespace TrunkExporter.Hud;

/// <summary>
/// The pages' only style sheet, inline so the pages need nothing else (offline, behind a proxy). Its hash
/// is the Content-Security-Policy's only allowed style, and no script is allowed at all.
/// </summary>
internal static class HudStyle
{
    public const string Css = """
        :root { color-scheme: light dark; --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
          --fail: #cf222e; --fail-bg: #ffebe9; --ok: #1a7f37; --ok-bg: #dafbe1; --wait: #9a6700; --wait-bg: #fff8c5; --mark: #8250df; --link: #0969da; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --head: #151b23;
            --fail: #ff7b72; --fail-bg: #490202; --ok: #3fb950; --ok-bg: #033a16; --wait: #d29922; --wait-bg: #4b3800; --mark: #a371f7; --link: #4493f8; }
        }
        body { margin: 1rem; background: var(--bg); color: var(--fg); font: 14px/1.4 "DejaVu Sans", system-ui, sans-serif; }
        a { color: var(--link); }
        h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
        code, .sha, .range { font-family: "DejaVu Sans Mono", ui-monospace, monospace; }
        .muted, .meta { color: var(--muted); }
        .summary { font-size: 1.1rem; padding: .5rem .75rem; border: 1px solid var(--line); border-left-width: 6px; display: inline-block; }
        .summary.broken { border-left-color: var(--fail); } .summary.green { border-left-color: var(--ok); } .summary.unknown { border-left-color: var(--wait); }
        table { border-collapse: collapse; }
        th, td { border: 1px solid var(--line); padding: 2px 6px; text-align: left; vertical-align: top; }
        thead th { background: var(--head); }
        .scroll { overflow: auto; max-height: 80vh; border: 1px solid var(--line); }
        .grid td, .grid th { padding: 1px 3px; white-space: nowrap; }
        .grid thead th { position: sticky; top: 0; }
        .grid th.j { vertical-align: bottom; }
        .grid th.j span { writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block; max-height: 22em; overflow: hidden; text-overflow: ellipsis; }
        .grid th.st { color: var(--mark); }
        .grid td.t { max-width: 20em; overflow: hidden; text-overflow: ellipsis; }
        .grid td.o { text-align: center; min-width: 1.2em; }
        .grid td.o a { text-decoration: none; color: inherit; display: block; }
        .f { color: var(--fail); background: var(--fail-bg); font-weight: bold; }
        .s { color: var(--ok); }
        .p { color: var(--wait); background: var(--wait-bg); }
        .n { color: var(--muted); }
        td.k { outline: 2px solid var(--mark); outline-offset: -2px; }
        td.r { outline: 2px dashed var(--mark); outline-offset: -2px; }
        tr.nodata td { color: var(--muted); }
        td.v-broken, span.v-broken { color: var(--fail); } td.v-green, span.v-green { color: var(--ok); } td.v-unknown, span.v-unknown { color: var(--wait); }
        .legend span { margin-right: 1rem; }
        footer { margin-top: 1.5rem; }
        """;

    /// <summary>The Content-Security-Policy of every HUD page: the style above and links, nothing else.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
