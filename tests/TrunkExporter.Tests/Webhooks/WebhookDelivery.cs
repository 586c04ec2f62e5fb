using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TrunkExporter.Stack;

namespace TrunkExporter.Tests.Webhooks;

/// <summary>A delivery as GitHub sends it: the event name, a delivery ID, a JSON body and its HMAC-SHA256 signature.</summary>
internal sealed record WebhookDelivery(string Event, string Id, byte[] Body)
{
    /// <summary>A payload from ../shared/fixtures/github, read in place (its exact bytes unless <paramref name="change"/> edits it).</summary>
    public static WebhookDelivery FromFixture(string file, string eventName, Action<JsonNode>? change = null)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.SharedFixtures, file));
        if (change is not null)
        {
            var node = JsonNode.Parse(bytes)!;
            change(node);
            bytes = Encoding.UTF8.GetBytes(node.ToJsonString());
        }

        return new WebhookDelivery(eventName, Guid.NewGuid().ToString(), bytes);
    }

    /// <summary>A recorded delivery (<c>*.delivery.json</c>: name, id, payload) with its own delivery ID.</summary>
    public static WebhookDelivery FromRecordedDelivery(string file)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.SharedFixtures, file)))!;
        return new WebhookDelivery(node["name"]!.GetValue<string>(), node["id"]!.GetValue<string>(), Encoding.UTF8.GetBytes(node["payload"]!.ToJsonString()));
    }

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <param name="signature">The X-Hub-Signature-256 header; null leaves it out.</param>
    public HttpRequestMessage Request(string? signature, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-GitHub-Event", Event);
        request.Headers.Add("X-GitHub-Delivery", Id);
        request.Headers.Add("User-Agent", "GitHub-Hookshot/044aadd");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return request;
    }

    public HttpRequestMessage Signed(string secret) => Request(Sign(secret, Body));
}
