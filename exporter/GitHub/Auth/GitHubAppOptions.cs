namespace TrunkExporter.GitHub.Auth;

/// <summary>
/// <c>TrunkExporter:GitHub:App</c>: sign in as a GitHub App instead of with a token (a higher rate
/// limit, no personal token). The private key stays in its file; only a short-lived installation
/// token derived from it is ever sent to the API.
/// </summary>
internal sealed class GitHubAppOptions
{
    /// <summary>The App's ID (its settings page, "App ID"); setting it turns App sign-in on.</summary>
    public long? Id { get; set; }

    /// <summary>The App's private key, a PEM file (-----BEGIN RSA PRIVATE KEY----- as GitHub downloads it, or PKCS#8).</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The installation to act as; when absent, each repository's installation is looked up (GET /repos/{owner}/{repo}/installation).</summary>
    public long? InstallationId { get; set; }

    public bool IsConfigured => Id is not null || PrivateKeyFile is not null || InstallationId is not null;
}
