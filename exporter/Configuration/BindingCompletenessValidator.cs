using Microsoft.Extensions.Options;

namespace TrunkExporter.Configuration;

/// <summary>
/// The last guard against a silently dropped entry: after binding, every list holds as many entries as
/// the configuration gives. <see cref="ConfigurationShape"/> refuses what the binder would drop before
/// binding; this catches any case where the two disagree.
/// </summary>
internal sealed class BindingCompletenessValidator(IConfiguration configuration) : IValidateOptions<ExporterOptions>
{
    public ValidateOptionsResult Validate(string? name, ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(ExporterOptions.SectionName);
        var errors = new List<string>();
        var repositories = section.GetSection(nameof(ExporterOptions.Repositories)).GetChildren().ToArray();
        Compare(repositories.Length, options.Repositories.Count, $"{ExporterOptions.SectionName}:{nameof(ExporterOptions.Repositories)}", errors);
        for (var i = 0; i < Math.Min(repositories.Length, options.Repositories.Count); i++)
        {
            var scope = repositories[i].GetSection(nameof(RepositoryOptions.Scope));
            var bound = options.Repositories[i].Scope;
            CompareList(scope, nameof(ScopeOptions.ExcludeJobNamesContaining), bound.ExcludeJobNamesContaining, errors);
            CompareList(scope, nameof(ScopeOptions.FailureConclusions), bound.FailureConclusions, errors);
            CompareList(scope, nameof(ScopeOptions.SuccessConclusions), bound.SuccessConclusions, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CompareList(IConfigurationSection scope, string key, IList<string>? bound, List<string> errors)
    {
        var given = scope.GetSection(key).GetChildren().Count();
        if (given > 0)
        {
            Compare(given, bound?.Count ?? 0, $"{scope.Path}:{key}", errors);
        }
    }

    private static void Compare(int given, int bound, string key, List<string> errors)
    {
        if (given != bound)
        {
            errors.Add($"{key} has {given} entries in the configuration but {bound} could be read; check each entry's values.");
        }
    }
}
