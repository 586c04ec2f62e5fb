using System.Net;

namespace TrunkExporter.Tests.Stack;

/// <summary>
/// Issue 14's `make demo` acceptance on the stack the demo starts (the P2 sample, times shifted to now):
/// the printed HUD URL opens the grid, and the notification names the sample's two failing jobs with
/// their culprits and links to that page.
/// </summary>
public sealed class DemoNotificationTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_p2_demo_prints_the_hud_url_and_its_notification_names_the_two_failing_jobs()
    {
        await using var stack = await LocalStack.StartAsync(new StackOptions
        {
            SnapshotFile = RepoPaths.InRepo("samples", "trunk-p2.json"),
            RefreshInterval = TimeSpan.FromSeconds(1),
            Interval = TimeSpan.FromSeconds(1),
            GroupWait = TimeSpan.FromSeconds(1),
        });
        var hud = $"{stack.Exporter.BaseAddress}hud/pytorch/pytorch/main";

        Assert.Contains($"  HUD            {hud}   ", Demo.Describe(stack), StringComparison.Ordinal);
        using (var http = new HttpClient())
        {
            using var response = await http.GetAsync(new Uri(hud));
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<table class=\"grid\">", page, StringComparison.Ordinal);
        }

        await BoundedWait.UntilAsync(
            _ => Task.FromResult(stack.Sink.Messages.Any(message => message.Title.Contains("TrunkBroken", StringComparison.Ordinal))),
            Step,
            () => $"no TrunkBroken notification: {stack.Sink.DescribeWebhooks()}");
        var text = stack.Sink.Messages.First(message => message.Title.Contains("TrunkBroken", StringComparison.Ordinal)).Text;

        Assert.Contains($"HUD:         {hud}\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "Failing jobs (counting towards N, longest streak first):\n"
            + "- pull / linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge): streak 4, failing since ",
            text,
            StringComparison.Ordinal);
        Assert.Contains(", culprit cb9903c91466 (#169348), range f1d842c07d78..cb9903c91466 (1 commit), log https://github.com/pytorch/pytorch/actions/runs/", text, StringComparison.Ordinal);
        Assert.Contains(
            "\n- trunk / linux-jammy-cuda12.8-py3.10-gcc11 / test (distributed, linux.g4dn.12xlarge.nvidia.gpu): streak 3, failing since ",
            text,
            StringComparison.Ordinal);
        Assert.Contains(", culprit f1d842c07d78 (#169224), range a449dd6ecb1b..f1d842c07d78 (1 commit), log https://github.com/pytorch/pytorch/actions/runs/", text, StringComparison.Ordinal);
    }
}
