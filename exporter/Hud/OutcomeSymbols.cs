using TrunkExporter.Health;

namespace TrunkExporter.Hud;

/// <summary>One symbol and one CSS class per outcome and verdict, so the grid reads without colour too.</summary>
internal static class OutcomeSymbols
{
    public const char Failure = '✗';
    public const char Success = '✓';
    public const char Pending = '◷';
    public const char NoData = '·';

    public static char Symbol(JobOutcome outcome) => outcome switch
    {
        JobOutcome.Failure => Failure,
        JobOutcome.Success => Success,
        JobOutcome.Pending => Pending,
        _ => NoData,
    };

    public static string CssClass(JobOutcome outcome) => outcome switch
    {
        JobOutcome.Failure => "f",
        JobOutcome.Success => "s",
        JobOutcome.Pending => "p",
        _ => "n",
    };

    public static char Symbol(CommitVerdict verdict) => verdict switch
    {
        CommitVerdict.Broken => Failure,
        CommitVerdict.Green => Success,
        _ => '?',
    };

    public static string Word(CommitVerdict verdict) => verdict switch
    {
        CommitVerdict.Broken => "broken",
        CommitVerdict.Green => "green",
        _ => "unknown",
    };
}
