using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Webhooks;

public sealed class WebhookConfigurationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Without_a_secret_the_endpoint_is_absent_and_nothing_unsigned_is_accepted()
    {
        await using var server = await FakeGitHubServer.StartAsync(WebhookEndpointTests.Trunk("Codertocat/Hello-World"));
        await using var app = await WebhookEndpointTests.StartAsync(server, _directory, secret: null);
        using var client = app.GetTestClient();
        var delivery = new WebhookDelivery("workflow_job", Guid.NewGuid().ToString(), "{}"u8.ToArray());

        using var unsigned = await client.SendAsync(delivery.Request(signature: null));
        using var signed = await client.SendAsync(delivery.Signed(string.Empty));
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.NotFound, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signed.StatusCode);
        Assert.DoesNotContain("trunk_exporter_webhook_last_delivery_timestamp_seconds{", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("directory", "is a directory, not a regular file")]
    [InlineData("empty", "is empty")]
    [InlineData("missing", "cannot be read")]
    [InlineData("two lines", "has more than one line")]
    public void A_secret_file_that_cannot_be_used_stops_the_start_with_one_line_naming_the_key(string kind, string expected)
    {
        var path = _directory.File("secret");
        switch (kind)
        {
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "empty":
                File.WriteAllText(path, "\n");
                break;
            case "two lines":
                File.WriteAllText(path, "one\ntwo\n");
                break;
        }

        var error = Assert.Throws<OptionsValidationException>(() => TrunkExporter.Hosting.ExporterApp.Build(
            ["--TrunkExporter:Repositories:0:Repo=o/r", $"--TrunkExporter:Repositories:0:ReplayFile={path}.json", $"--TrunkExporter:GitHub:WebhookSecretFile={path}"],
            builder => builder.WebHost.UseTestServer()));

        var line = Assert.Single(error.Failures);
        Assert.StartsWith($"TrunkExporter:GitHub:WebhookSecretFile '{path}' {expected}", line, StringComparison.Ordinal);
    }
}
