namespace TrunkExporter.Stack;

/// <summary>The GitHub REST API an exporter under test reads (a fake one, in tests) and the token it presents.</summary>
/// <param name="WebhookSecret">Passed as GITHUB_WEBHOOK_SECRET: POST /webhooks/github exists only with it.</param>
internal sealed record ExporterGitHub(string ApiBaseUrl, string Token, string? WebhookSecret = null)
{
    public Dictionary<string, string> Environment() => WebhookSecret is null
        ? new() { ["GITHUB_TOKEN"] = Token }
        : new() { ["GITHUB_TOKEN"] = Token, ["GITHUB_WEBHOOK_SECRET"] = WebhookSecret };
}
