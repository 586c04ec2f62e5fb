using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TrunkExporter.Core;
using TrunkExporter.Files;
using TrunkExporter.Health;

namespace TrunkExporter.Configuration;

/// <summary>Fails start-up with messages that name the configuration key at fault.</summary>
internal sealed class ExporterOptionsValidator : IValidateOptions<ExporterOptions>
{
    private const string Section = ExporterOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{Section}:RefreshInterval must be at least 00:00:01 (got {options.RefreshInterval}).");
        }

        if (options.RefreshInterval > ExporterOptions.MaxRefreshInterval)
        {
            errors.Add($"{Section}:RefreshInterval must be at most {ExporterOptions.MaxRefreshInterval} (got {options.RefreshInterval}).");
        }

        if (options.MaxSnapshotBytes is < 1 or > ExporterOptions.MaxMaxSnapshotBytes)
        {
            errors.Add($"{Section}:MaxSnapshotBytes must be between 1 and {ExporterOptions.MaxMaxSnapshotBytes} (got {options.MaxSnapshotBytes}).");
        }

        ValidateServer($"{Section}:Server", options.Server, errors);

        if (options.Repositories.Count == 0)
        {
            errors.Add($"{Section}:Repositories is empty: configure at least one, e.g. --{Section}:Repositories:0:Repo=owner/name (or run 'make demo').");
        }

        // Only GitHub branches keep a cache: a replay-only exporter (the demo) needs no data directory.
        if (options.Repositories.Any(repository => repository.ReplayFile is null)
            && DataDirectory.Resolve(options.DataDirectory) is var (path, origin)
            && DataDirectory.Problem(path, origin) is { } data)
        {
            errors.Add(data);
        }

        var seen = new HashSet<BranchKey>();
        for (var i = 0; i < options.Repositories.Count; i++)
        {
            ValidateRepository($"{Section}:Repositories:{i}", options.Repositories[i], seen, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateRepository(string key, RepositoryOptions repository, HashSet<BranchKey> seen, List<string> errors)
    {
        if (!RepositoryName.IsValid(repository.Repo))
        {
            errors.Add($"{key}:Repo must be {RepositoryName.Form} (got '{repository.Repo}').");
        }

        if (string.IsNullOrWhiteSpace(repository.Branch))
        {
            errors.Add($"{key}:Branch must not be empty.");
        }
        else if (repository.Branch.Any(char.IsControl))
        {
            errors.Add($"{key}:Branch must not contain control characters such as a newline (got '{repository.Branch.ReplaceLineEndings(" ")}').");
        }

        if (string.IsNullOrWhiteSpace(repository.Team))
        {
            errors.Add($"{key}:Team must not be empty.");
        }

        if (!CommitWindow.IsValid(repository.Window))
        {
            errors.Add($"{key}:Window must be {CommitWindow.Range} commits (got {repository.Window}).");
        }

        if (repository.Repo is { } repo && repository.Branch is { } branch && !seen.Add(new BranchKey(repo, branch)))
        {
            errors.Add($"{key} repeats {repository.Repo} branch {repository.Branch}; each branch may be configured once.");
        }

        if (repository.ReplayFile is { } file)
        {
            if (!File.Exists(file))
            {
                errors.Add($"{key}:ReplayFile '{file}' does not exist.");
            }
            else if (RegularFile.Kind(file) is { } kind)
            {
                errors.Add($"{key}:ReplayFile '{file}' is {kind}, not a regular file.");
            }
        }

        if (repository.ShiftTimesToNow && repository.ReplayFile is null)
        {
            errors.Add($"{key}:ShiftTimesToNow applies only with {key}:ReplayFile.");
        }

        ValidatePattern($"{key}:Scope:Workflows", repository.Scope.Workflows, errors);
        ValidatePattern($"{key}:Scope:ShardPattern", repository.Scope.ShardPattern, errors);
        ValidateNameParts($"{key}:Scope:ExcludeJobNamesContaining", repository.Scope.ExcludeJobNamesContaining, errors);
        ValidateList($"{key}:Scope:FailureConclusions", repository.Scope.FailureConclusions, errors);
        ValidateList($"{key}:Scope:SuccessConclusions", repository.Scope.SuccessConclusions, errors);

        // Against the lists in effect: FailureConclusions:0=success alone turns every green job into a failure.
        var failures = repository.Scope.FailureConclusions?.AsEnumerable() ?? ScopeSettings.DefaultFailureConclusions;
        var successes = repository.Scope.SuccessConclusions?.AsEnumerable() ?? ScopeSettings.DefaultSuccessConclusions;
        if (failures.Intersect(successes, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            var defaulted = repository.Scope.FailureConclusions is null ? $" (FailureConclusions is the default: {string.Join(", ", ScopeSettings.DefaultFailureConclusions)})"
                : repository.Scope.SuccessConclusions is null ? $" (SuccessConclusions is the default: {string.Join(", ", ScopeSettings.DefaultSuccessConclusions)})"
                : string.Empty;
            errors.Add($"{key}:Scope lists '{both}' as both a failure and a success conclusion{defaulted}.");
        }
    }

    private static void ValidateServer(string key, ServerOptions server, List<string> errors)
    {
        if (server.MaxConcurrentConnections is < 1 or > 100_000)
        {
            errors.Add($"{key}:MaxConcurrentConnections must be between 1 and 100000 (got {server.MaxConcurrentConnections}).");
        }

        foreach (var (name, value) in new[] { ("KeepAliveTimeout", server.KeepAliveTimeout), ("RequestHeadersTimeout", server.RequestHeadersTimeout) })
        {
            if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromHours(1))
            {
                errors.Add($"{key}:{name} must be between 00:00:01 and 01:00:00 (got {value}).");
            }
        }
    }

    private static void ValidatePattern(string key, string? pattern, List<string> errors)
    {
        if (pattern is null)
        {
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{key} is not a valid regular expression: {ex.Message}");
        }
    }

    /// <summary>Every job name contains the empty string, so an empty part would silently take every job out of scope.</summary>
    private static void ValidateNameParts(string key, IList<string>? parts, List<string> errors)
    {
        if (parts is null)
        {
            return;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(parts[i]))
            {
                errors.Add($"{key}:{i} is empty; it would exclude every job: remove it or give a name part.");
            }
        }
    }

    private static void ValidateList(string key, IList<string>? values, List<string> errors)
    {
        if (values is not null && (values.Count == 0 || values.Any(string.IsNullOrWhiteSpace)))
        {
            errors.Add($"{key} must list at least one non-empty conclusion.");
        }
    }
}
