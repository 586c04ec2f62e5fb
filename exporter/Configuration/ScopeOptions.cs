namespace TrunkExporter.Configuration;

/// <summary>Overrides of contract section 1; anything left unset keeps the contract's default.</summary>
internal sealed class ScopeOptions
{
    /// <summary>Regular expression a workflow name must match to be in scope.</summary>
    public string? Workflows { get; set; }

    /// <summary>A job whose name contains any of these plain substrings is out of scope.</summary>
    public IList<string>? ExcludeJobNamesContaining { get; set; }

    /// <summary>Regular expression whose matches are removed from a job name to fold its shards together.</summary>
    public string? ShardPattern { get; set; }

    public IList<string>? FailureConclusions { get; set; }

    public IList<string>? SuccessConclusions { get; set; }
}
