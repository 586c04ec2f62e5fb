namespace TrunkExporter.Tests.Dashboards;

/// <summary>Panel ids of trunk-health.json that tests single out.</summary>
internal static class TrunkHealthPanels
{
    public const int TrunkStatus = 1;
    public const int ConsecutiveBrokenCommits = 2;
    public const int FailingJobsPerCommit = 5;
    public const int StreakTable = 6;
    public const int NOverTime = 7;
    public const int AlertsOverTime = 8;
}
