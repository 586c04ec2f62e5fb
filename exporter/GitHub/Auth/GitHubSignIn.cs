namespace TrunkExporter.GitHub.Auth;

/// <summary>
/// How a request names the credential it needs without carrying it: readers put
/// <see cref="Reference"/> where Octokit expects a token, and <see cref="SignInHandler"/> swaps it for
/// a currently valid token on every request (and every retry of it). The reference is no secret.
/// </summary>
internal static class GitHubSignIn
{
    private const string Prefix = "trunk-exporter-sign-in:";

    /// <summary>The stable identity of the credential a request spent: the rate-limit budget it belongs to.</summary>
    public static readonly HttpRequestOptionsKey<string> Identity = new("TrunkExporter.GitHub.CredentialIdentity");

    /// <summary>Stands for "the credential that reads <paramref name="repo"/>" (a token, or the App's installation of it).</summary>
    public static string Reference(string repo) => Prefix + repo;

    /// <summary>The repository a request's Authorization header refers to; null when it carries a real credential (a JWT).</summary>
    public static string? RepoOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization?.Parameter;
        return authorization is not null && authorization.StartsWith(Prefix, StringComparison.Ordinal) ? authorization[Prefix.Length..] : null;
    }
}
