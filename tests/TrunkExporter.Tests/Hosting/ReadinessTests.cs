using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TrunkExporter.Hosting;
using TrunkExporter.Refresh;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_503_with_the_reason_until_every_repository_has_refreshed()
    {
        using var directory = new TempDirectory();
        var broken = directory.File("broken.json");
        await File.WriteAllTextAsync(broken, "{}");
        await using var app = ExporterApp.Build(
            [
                "--TrunkExporter:RefreshInterval=00:00:01",
                "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch",
                $"--TrunkExporter:Repositories:0:ReplayFile={broken}",
            ],
            builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();
        await BoundedWait.UntilAsync(
            _ => Task.FromResult(app.Services.GetRequiredService<TrunkStateStore>().Current[0].RefreshFailures > 0),
            TimeSpan.FromSeconds(30),
            () => "the broken replay file was never refreshed (no refresh failure counted)");

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(
            $"pytorch/pytorch branch main: not refreshed successfully yet (last error: snapshot {broken}: $.version: is required but missing)\n",
            await response.Content.ReadAsStringAsync());
        await app.StopAsync();
    }
}
