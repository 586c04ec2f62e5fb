namespace TrunkExporter.Tests.Dashboards;

/// <summary>Panel ids of trunk-exporter.json that tests single out.</summary>
internal static class TrunkExporterPanels
{
    public const int GitHubRequestsByCode = 7;
    public const int AnsweredNotModified = 8;
    public const int GitHubRateLimitRemaining = 9;
    public const int GitHubRateLimitResetsIn = 10;
}
