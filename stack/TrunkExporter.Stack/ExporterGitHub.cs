namespace TrunkExporter.Stack;

/// <summary>The GitHub REST API an exporter under test reads (a fake one, in tests) and the token it presents.</summary>
internal sealed record ExporterGitHub(string ApiBaseUrl, string Token);
