using TrunkExporter.Cli;
using TrunkExporter.Health;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Cli;

public sealed class StreakTableTests
{
    [Fact]
    public void The_table_shows_the_culprit_range_in_gits_notation()
    {
        // Job A: red, two commits without CI, green: three candidates after a known pass.
        // Job B: red on the three newest commits and never green in the window: an open range.
        var snapshot = TrunkBuilder.Snapshot(
            [TrunkBuilder.Run("pull", "a / test", 'F'), TrunkBuilder.Run("trunk", "b / build", 'F')],
            [TrunkBuilder.Run("trunk", "b / build", 'F')],
            [TrunkBuilder.Run("trunk", "b / build", 'F')],
            [TrunkBuilder.Run("pull", "a / test", 'S')]);

        Golden.AssertMatches("culprit-range.table", StreakTable.Render(TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default)));
    }
}
