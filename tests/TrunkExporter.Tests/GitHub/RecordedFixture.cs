using System.Text.Json;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

/// <summary>
/// A recorded GitHub answer from ../shared/fixtures/github, read in place: the body file and, when
/// there is one, the .http.json sidecar with the status and the response headers in recorded order.
/// </summary>
internal sealed record RecordedFixture(string Name, int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public static RecordedFixture Load(string name)
    {
        var sidecar = Path.Combine(RepoPaths.SharedFixtures, $"{name}.http.json");
        if (!File.Exists(sidecar))
        {
            return new RecordedFixture(name, 200, [], File.ReadAllBytes(Path.Combine(RepoPaths.SharedFixtures, $"{name}.json")));
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(sidecar));
        var root = document.RootElement;
        var headers = root.GetProperty("response_headers").EnumerateArray()
            .Select(pair => (pair[0].GetString()!, pair[1].GetString()!))
            .ToList();
        var bodyFile = root.GetProperty("body_file");
        var body = bodyFile.ValueKind == JsonValueKind.String
            ? File.ReadAllBytes(Path.Combine(RepoPaths.SharedFixtures, bodyFile.GetString()!))
            : [];
        return new RecordedFixture(name, root.GetProperty("status").GetInt32(), headers, body);
    }

    public static Uri RequestUrl(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.SharedFixtures, $"{name}.http.json")));
        return new Uri(document.RootElement.GetProperty("request").GetProperty("url").GetString()!);
    }

    /// <summary>Header lookup as HTTP does it: case-insensitive (the recordings use both spellings).</summary>
    public string? Header(string name) =>
        Headers.Where(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).FirstOrDefault();

    public GitHubResponse ToResponse() => GitHubResponse.From(Status, Header, Body);

    /// <summary>The recording as an HTTP answer; the body is stored decoded, so the encoding headers are dropped.</summary>
    public HttpResponseMessage ToHttpResponse()
    {
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)Status) { Content = new ByteArrayContent(Body) };
        foreach (var (name, value) in Headers)
        {
            if (name.Equals("status", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("content-", StringComparison.OrdinalIgnoreCase)
                || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
