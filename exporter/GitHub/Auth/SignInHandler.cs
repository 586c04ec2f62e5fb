using System.Net.Http.Headers;
using TrunkExporter.GitHub.Policy;

namespace TrunkExporter.GitHub.Auth;

/// <summary>
/// The outermost handler: signs every request that names its credential with
/// <see cref="GitHubSignIn.Reference"/>. With App sign-in it asks <see cref="GitHubAppTokens"/> on every
/// request, so a refresh that outlasts a token (or its renewal point) never sends an expired one; a
/// 401 rejects the cached installation token and the request is sent once more with a fresh one.
/// It records the credential's stable identity (the installation, or the token's hash) in the
/// request's options, so the rate-limit budget outlives token renewals.
/// </summary>
internal sealed class SignInHandler(GitHubAppTokens app, GitHubCredentials credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (GitHubSignIn.RepoOf(request) is not { } repo)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (!app.IsConfigured)
        {
            var token = credentials.GetToken();
            Sign(request, token, CredentialKey.OfToken(token));
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var signed = await app.GetTokenAsync(repo, cancellationToken).ConfigureAwait(false);
        Sign(request, signed.Token, signed.Identity);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (GitHubException ex) when (ex.Failure == GitHubFailure.Unauthorized && request.Content is null)
        {
            // Revoked, or expired on GitHub's clock before ours: one more try with a token issued now.
            app.Reject(signed);
            var fresh = await app.GetTokenAsync(repo, cancellationToken).ConfigureAwait(false);
            using var again = Copy(request);
            Sign(again, fresh.Token, fresh.Identity);
            try
            {
                return await base.SendAsync(again, cancellationToken).ConfigureAwait(false);
            }
            catch (GitHubException twice) when (twice.Failure == GitHubFailure.Unauthorized)
            {
                app.Reject(fresh);
                app.ForgetInstallation(repo);
                throw new GitHubException(GitHubFailure.Unauthorized,
                    $"GitHub rejected a freshly issued installation token of App {app.AppId} (installation {fresh.Installation}) for {repo} twice: check that the App is still installed on {repo}, not suspended, and has read access to Actions and contents",
                    twice);
            }
        }
    }

    private static void Sign(HttpRequestMessage request, string token, string identity)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Options.Set(GitHubSignIn.Identity, identity);
    }

    /// <summary>A request is sent once per handler pass; the retry is a new one without the first pass's conditional headers.</summary>
    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers.NonValidated)
        {
            if (!header.Key.Equals("If-None-Match", StringComparison.OrdinalIgnoreCase))
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }
}
