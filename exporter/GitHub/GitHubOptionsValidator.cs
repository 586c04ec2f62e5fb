using Microsoft.Extensions.Options;

namespace TrunkExporter.GitHub;

/// <summary>Fails start-up with messages that name the configuration key at fault.</summary>
internal sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    private const string Section = GitHubOptions.SectionName;
    private const long MinResponseBytes = 64 * 1024;
    private const long MaxResponseBytes = 1024 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(api.Query) || !string.IsNullOrEmpty(api.Fragment))
        {
            errors.Add($"{Section}:ApiBaseUrl must be an absolute http(s) URL such as {GitHubOptions.DefaultApiBaseUrl} or https://HOST/api/v3 (got '{options.ApiBaseUrl}').");
        }

        if (options.TokenFile is { } file && !File.Exists(file))
        {
            errors.Add($"{Section}:TokenFile '{file}' does not exist.");
        }

        ValidateApp(options.App, errors);

        if (options.RateLimitReserve < 0)
        {
            errors.Add($"{Section}:RateLimitReserve must not be negative (got {options.RateLimitReserve}).");
        }

        if (options.PerPage is < 1 or > 100)
        {
            errors.Add($"{Section}:PerPage must be between 1 and 100, GitHub's maximum (got {options.PerPage}).");
        }

        if (options.MaxResponseBytes is < MinResponseBytes or > MaxResponseBytes)
        {
            errors.Add($"{Section}:MaxResponseBytes must be between {MinResponseBytes} (64 KiB) and {MaxResponseBytes} (1 GiB) (got {options.MaxResponseBytes}).");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{Section}:MaxRetries must be between 0 and 10 (got {options.MaxRetries}).");
        }

        if (options.MaxConcurrentRequests is < 1 or > 100)
        {
            errors.Add($"{Section}:MaxConcurrentRequests must be between 1 and 100, GitHub's secondary limit (got {options.MaxConcurrentRequests}).");
        }

        if (options.MaxPointsPerMinute is < 1 or > 900)
        {
            errors.Add($"{Section}:MaxPointsPerMinute must be between 1 and 900, GitHub's secondary limit for REST (got {options.MaxPointsPerMinute}).");
        }

        Positive("RequestTimeout", options.RequestTimeout, errors);
        Positive("TotalTimeout", options.TotalTimeout, errors);
        Positive("RetryBaseDelay", options.RetryBaseDelay, errors);
        Positive("SecondaryRateLimitWait", options.SecondaryRateLimitWait, errors);
        Positive("MaxRateLimitWait", options.MaxRateLimitWait, errors);
        Positive("RecheckCompletedAfter", options.RecheckCompletedAfter, errors);
        if (options.NoRunsGracePeriod < TimeSpan.Zero)
        {
            errors.Add($"{Section}:NoRunsGracePeriod must not be negative (got {options.NoRunsGracePeriod}).");
        }

        if (options.TotalTimeout < options.RequestTimeout)
        {
            errors.Add($"{Section}:TotalTimeout ({options.TotalTimeout}) must be at least {Section}:RequestTimeout ({options.RequestTimeout}).");
        }

        if (options.MaxRateLimitWait >= options.TotalTimeout)
        {
            errors.Add($"{Section}:MaxRateLimitWait ({options.MaxRateLimitWait}) must be shorter than {Section}:TotalTimeout ({options.TotalTimeout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The shape only: whether the key file can be read is found on the first refresh (a not-ready /readyz), as for a token.</summary>
    private static void ValidateApp(Auth.GitHubAppOptions app, List<string> errors)
    {
        if (!app.IsConfigured)
        {
            return;
        }

        if (app.Id is not > 0)
        {
            errors.Add($"{Section}:App:Id must be the GitHub App's numeric ID, a positive number (got '{app.Id}').");
        }

        if (string.IsNullOrWhiteSpace(app.PrivateKeyFile))
        {
            errors.Add($"{Section}:App:PrivateKeyFile must name the App's private key (a PEM file) when {Section}:App is configured (got '{app.PrivateKeyFile}').");
        }

        if (app.InstallationId is { } installation && installation <= 0)
        {
            errors.Add($"{Section}:App:InstallationId must be a positive number, or absent to look the installation up per repository (got {installation}).");
        }
    }

    private static void Positive(string key, TimeSpan value, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:{key} must be positive (got {value}).");
        }
    }
}
