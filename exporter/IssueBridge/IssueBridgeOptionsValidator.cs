using Microsoft.Extensions.Options;
using TrunkExporter.Core;

namespace TrunkExporter.IssueBridge;

/// <summary>Fails start-up with one line per problem, naming the key and the value.</summary>
internal sealed class IssueBridgeOptionsValidator : IValidateOptions<IssueBridgeOptions>
{
    private const string Section = IssueBridgeOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, IssueBridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Repository))
        {
            errors.Add($"{Section}:Repository is not set: name the repository to file issues in, e.g. --{Section}:Repository=pytorch/test-infra (got '{options.Repository}').");
        }
        else if (!RepositoryName.IsValid(options.Repository))
        {
            errors.Add($"{Section}:Repository must be owner/name (got '{options.Repository}').");
        }

        for (var i = 0; i < options.Teams.Count; i++)
        {
            var team = options.Teams[i];
            if (string.IsNullOrWhiteSpace(team.Team))
            {
                errors.Add($"{Section}:Teams:{i}:Team must name the team label value (got '{team.Team}').");
            }

            if (!RepositoryName.IsValid(team.Repository))
            {
                errors.Add($"{Section}:Teams:{i}:Repository must be owner/name (got '{team.Repository}').");
            }
        }

        for (var i = 0; i < options.LabelTemplates.Count; i++)
        {
            var label = options.LabelTemplates[i];
            if (string.IsNullOrWhiteSpace(label) || label.Length > 50 || label.Contains(',', StringComparison.Ordinal))
            {
                errors.Add($"{Section}:Labels:{i} must be a label of 1 to 50 characters without a comma (got '{label}').");
            }
        }

        if (string.IsNullOrWhiteSpace(options.SourceLabel) || options.SourceLabel.Length > 50 || options.SourceLabel.Contains(',', StringComparison.Ordinal)
            || options.SourceLabel.Contains('{', StringComparison.Ordinal))
        {
            errors.Add($"{Section}:SourceLabel must be a fixed label of 1 to 50 characters without a comma or placeholder (got '{options.SourceLabel}').");
        }

        if (options.BearerTokenFile is { } file && !File.Exists(file))
        {
            errors.Add($"{Section}:BearerTokenFile '{file}' does not exist.");
        }

        if (options.CommentInterval < TimeSpan.Zero)
        {
            errors.Add($"{Section}:CommentInterval must not be negative (got {options.CommentInterval}).");
        }

        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"{Section}:MaxBodyBytes must be between 1024 and 67108864 (got {options.MaxBodyBytes}).");
        }

        if (options.AlertmanagerUrl is { } alertmanager && (!alertmanager.IsAbsoluteUri || alertmanager.Scheme is not ("http" or "https")))
        {
            errors.Add($"{Section}:AlertmanagerUrl must be an absolute http(s) URL such as http://127.0.0.1:9093 (got '{alertmanager}').");
        }

        if (options.SilenceUrlBase is { } silence && (!silence.IsAbsoluteUri || silence.Scheme is not ("http" or "https")))
        {
            errors.Add($"{Section}:SilenceUrlBase must be an absolute http(s) URL (got '{silence}').");
        }

        if (options.ReconcileInterval <= TimeSpan.Zero || options.ReconcileInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"{Section}:ReconcileInterval must be positive and at most a day (got {options.ReconcileInterval}).");
        }

        if (options.ReconcileGrace < TimeSpan.Zero)
        {
            errors.Add($"{Section}:ReconcileGrace must not be negative (got {options.ReconcileGrace}).");
        }

        if (options.AlertmanagerTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:AlertmanagerTimeout must be positive (got {options.AlertmanagerTimeout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
