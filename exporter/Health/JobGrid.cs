namespace TrunkExporter.Health;

/// <summary>
/// The commit x job grid of the HUD page, computed with the trunk state so that a page render only
/// formats it. Rows are <see cref="TrunkHealth.Commits"/> (newest first); columns are the logical jobs
/// that failed on at least one commit of the window, ordered by workflow then job name.
/// </summary>
internal sealed class JobGrid
{
    private readonly JobCell[] _cells;

    public JobGrid(IReadOnlyList<JobStreak> columns, int rows, JobCell[] cells)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != rows * columns.Count)
        {
            throw new ArgumentException($"expected {rows} x {columns.Count} cells, got {cells.Length}", nameof(cells));
        }

        Columns = columns;
        Rows = rows;
        _cells = cells;
    }

    public static JobGrid Empty { get; } = new([], 0, []);

    public IReadOnlyList<JobStreak> Columns { get; }

    public int Rows { get; }

    public JobCell this[int row, int column] => _cells[(row * Columns.Count) + column];
}
