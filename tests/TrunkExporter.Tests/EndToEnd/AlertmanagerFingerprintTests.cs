namespace TrunkExporter.Tests.EndToEnd;

public sealed class AlertmanagerFingerprintTests
{
    [Fact]
    public void Matches_what_alertmanager_0_25_reported_for_a_trunk_broken_alert()
    {
        // Seen in a `make demo` run: Alertmanager 0.25 sent this fingerprint for these labels.
        var labels = new Dictionary<string, string>
        {
            ["team"] = "dev-infra",
            ["alertname"] = "TrunkBroken",
            ["repo"] = "pytorch/pytorch",
            ["branch"] = "main",
            ["priority"] = "P2",
            ["severity"] = "warning",
        };

        Assert.Equal("d43cfdd192c40753", AlertmanagerFingerprint.Of(labels));
    }

    [Fact]
    public void An_empty_label_set_hashes_to_the_fnv_offset_basis()
    {
        Assert.Equal("cbf29ce484222325", AlertmanagerFingerprint.Of(new Dictionary<string, string>()));
    }
}
