using TrunkExporter.Health;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Health;

/// <summary>The HUD grid as the engine publishes it: every commit by every job that failed in the window.</summary>
public sealed class JobGridTests
{
    [Fact]
    public void Columns_are_the_jobs_that_failed_at_least_once_in_workflow_then_name_order()
    {
        var snapshot = TrunkBuilder.Snapshot(
            [TrunkBuilder.Run("trunk", "b / test", 'S'), TrunkBuilder.Run("pull", "z / build", 'P'), TrunkBuilder.Run("pull", "lint", 'S')],
            [TrunkBuilder.Run("trunk", "b / test", 'F'), TrunkBuilder.Run("pull", "z / build", 'F'), TrunkBuilder.Run("pull", "lint", 'S')],
            [TrunkBuilder.Run("pull", "a / test", 'F')]);

        var grid = TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default).Grid;

        Assert.Equal(
            [new LogicalJob("pull", "a / test"), new LogicalJob("pull", "z / build"), new LogicalJob("trunk", "b / test")],
            grid.Columns.Select(column => column.Job));
        Assert.Equal(3, grid.Rows);
        Assert.Equal(
            "- P S | - F F | F - -",
            string.Join(" | ", Enumerable.Range(0, grid.Rows).Select(row =>
                string.Join(' ', Enumerable.Range(0, grid.Columns.Count).Select(column => Letter(grid[row, column].Outcome))))));
    }

    [Fact]
    public void A_failing_cell_links_to_a_failing_run_even_when_a_shard_passed_with_a_log()
    {
        var failing = new SnapshotJob("pull", "a / test (default, 1, 2, x)", "completed", "failure", 1, "https://example.test/failed");
        var passing = new SnapshotJob("pull", "a / test (default, 2, 2, x)", "completed", "success", 1, "https://example.test/passed");
        var unlinked = new SnapshotJob("pull", "a / test (default, 2, 2, x)", "completed", "failure", 2);

        var grid = TrunkHealthCalculator.Calculate(TrunkBuilder.Snapshot([passing, unlinked, failing]), ScopeSettings.Default).Grid;

        Assert.Equal(new JobCell(JobOutcome.Failure, "https://example.test/failed"), grid[0, 0]);
    }

    [Fact]
    public void A_window_without_failures_has_an_empty_grid_but_keeps_its_commits()
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("S S P"), ScopeSettings.Default);

        Assert.Empty(health.Grid.Columns);
        Assert.Equal(3, health.Grid.Rows);
    }

    private static char Letter(JobOutcome outcome) => outcome switch
    {
        JobOutcome.Failure => 'F',
        JobOutcome.Success => 'S',
        JobOutcome.Pending => 'P',
        _ => '-',
    };
}
