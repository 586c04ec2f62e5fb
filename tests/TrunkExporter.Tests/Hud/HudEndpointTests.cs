using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using TrunkExporter.Hosting;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Hud;

/// <summary>The HUD routes through the real endpoint mapping (an in-memory server; the browser tests use a process).</summary>
public sealed partial class HudEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var main = _directory.File("main.json");
        var release = _directory.File("release.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F F F S"), main);
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("S") with { Branch = "release/2.5" }, release);
        _app = ExporterApp.Build(
            [
                "--TrunkExporter:RefreshInterval=01:00:00",
                "--TrunkExporter:GitHub:ApiBaseUrl=https://ghe.example.com/api/v3",
                "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch",
                $"--TrunkExporter:Repositories:0:ReplayFile={main}",
                "--TrunkExporter:Repositories:1:Repo=pytorch/pytorch",
                "--TrunkExporter:Repositories:1:Branch=release/2.5",
                $"--TrunkExporter:Repositories:1:ReplayFile={release}",
            ],
            builder => builder.WebHost.UseTestServer());
        await _app.StartAsync();
        _client = _app.GetTestClient();
        await BoundedWait.UntilAsync(
            async cancellationToken =>
            {
                using var ready = await _client.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
                return ready.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(30),
            () => "the exporter never became ready");
    }

    [Fact]
    public async Task The_root_lists_every_watched_branch_with_a_link_to_its_page()
    {
        var (status, type, body) = await GetAsync("/");

        Assert.Equal((HttpStatusCode.OK, "text/html; charset=utf-8"), (status, type));
        Assert.Contains("<a href=\"/hud/pytorch/pytorch/main\">pytorch/pytorch</a>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/hud/pytorch/pytorch/release/2.5\">pytorch/pytorch</a>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/metrics\">", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/hud/pytorch/pytorch/main", "pytorch/pytorch/tree/main")]
    [InlineData("/hud/PyTorch/PyTorch/main", "pytorch/pytorch/tree/main")]
    [InlineData("/hud/pytorch/pytorch/release/2.5", "pytorch/pytorch/tree/release/2.5")]
    public async Task The_grid_page_answers_for_a_watched_branch_with_links_to_the_configured_github(string path, string tree)
    {
        var (status, _, body) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"https://ghe.example.com/{tree}\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/hud/pytorch/vision/main", "pytorch/vision branch main")]
    [InlineData("/hud/pytorch/pytorch/Main", "pytorch/pytorch branch Main")]
    [InlineData("/hud/pytorch/pytorch/%3Cscript%3E", "pytorch/pytorch branch <script>")]
    public async Task An_unknown_branch_is_a_404_with_one_plain_line(string path, string named)
    {
        var (status, type, body) = await GetAsync(path);

        Assert.Equal((HttpStatusCode.NotFound, "text/plain; charset=utf-8"), (status, type));
        Assert.Equal($"trunk-exporter: {named} is not watched here; / lists the watched branches.\n", body);
    }

    [Fact]
    public async Task The_page_allows_no_script_and_only_its_own_style()
    {
        using var response = await _client.GetAsync(new Uri("/hud/pytorch/pytorch/main", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var policy = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        var style = StyleElement().Match(body).Groups[1].Value;

        Assert.StartsWith("default-src 'none'; ", policy, StringComparison.Ordinal);
        Assert.Contains($"style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"3600\">", body, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _directory.Dispose();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    private async Task<(HttpStatusCode Status, string? Type, string Body)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
