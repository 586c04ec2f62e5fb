using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using TrunkExporter.GitHub.Http;

namespace TrunkExporter.GitHub.Auth;

/// <summary>
/// Installation tokens of the configured GitHub App: a JWT signed with the App's key is exchanged
/// through Octokit (POST /app/installations/{id}/access_tokens) for a token that lasts an hour. Each
/// token is kept and renewed <see cref="RenewBefore"/> its expiry; <see cref="SignInHandler"/> asks for
/// one on every request, so no request carries an expired token however long a refresh takes. The
/// installation comes from configuration or, per repository, from GET /repos/{owner}/{repo}/installation.
/// Each repository's lookup and each installation's exchange has a gate of its own, so a slow answer
/// holds up only the requests that need it, and every wait and call ends with its CancellationToken.
/// Neither the key nor a token is ever logged or part of a message.
/// </summary>
internal sealed class GitHubAppTokens(IOptions<GitHubOptions> options, IHttpClient http, TimeProvider time) : IDisposable
{
    /// <summary>Renewal margin: a token handed out is valid for at least this long (a request and its retries).</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly GitHubOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, InstallationToken> _tokens = [];

    public bool IsConfigured => _options.App.IsConfigured;

    public long? AppId => _options.App.Id;

    /// <summary>A token, valid for at least <see cref="RenewBefore"/>, of the installation that covers <paramref name="repo"/>.</summary>
    public async Task<InstallationToken> GetTokenAsync(string repo, CancellationToken cancellationToken)
    {
        var installation = _options.App.InstallationId ?? await InstallationOfAsync(repo, cancellationToken).ConfigureAwait(false);
        if (Valid(installation) is { } kept)
        {
            return kept;
        }

        var gate = Gate($"installation {installation.ToString(CultureInfo.InvariantCulture)}");
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Valid(installation) is { } renewed)
            {
                return renewed;
            }

            AccessToken? answer;
            try
            {
                answer = (await AppConnection().Post<AccessToken>(
                    new Uri($"app/installations/{installation.ToString(CultureInfo.InvariantCulture)}/access_tokens", UriKind.Relative),
                    new Dictionary<string, string>(), GitHubHttp.MediaType, "application/json", parameters: null, cancellationToken).ConfigureAwait(false)).Body;
            }
            catch (GitHubException ex) when (ex.Failure is GitHubFailure.NotFound or GitHubFailure.Unauthorized)
            {
                // A removed or reinstalled App: look the repository's installation up again next time.
                ForgetInstallation(repo);
                throw;
            }

            if (string.IsNullOrEmpty(answer?.Token))
            {
                throw new GitHubException(GitHubFailure.MalformedResponse,
                    $"GitHub answered the installation token request of App {_options.App.Id} without a token");
            }

            var token = new InstallationToken(installation, answer.Token, answer.ExpiresAt);
            _tokens[installation] = token;
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets a token GitHub rejected (unless a newer one replaced it already), so the next request gets a new one.</summary>
    public void Reject(InstallationToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        _tokens.TryRemove(new KeyValuePair<long, InstallationToken>(token.Installation, token));
    }

    /// <summary>Forgets which installation covers <paramref name="repo"/> (the App was removed or reinstalled).</summary>
    public void ForgetInstallation(string repo) => _installations.TryRemove(repo, out _);

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    private InstallationToken? Valid(long installation) =>
        _tokens.TryGetValue(installation, out var token) && time.GetUtcNow() < token.ExpiresAt - RenewBefore ? token : null;

    private SemaphoreSlim Gate(string key) => _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));

    private async Task<long> InstallationOfAsync(string repo, CancellationToken cancellationToken)
    {
        if (_installations.TryGetValue(repo, out var known))
        {
            return known;
        }

        var gate = Gate($"repo {repo}");
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_installations.TryGetValue(repo, out known))
            {
                return known;
            }

            var installation = (await AppConnection().Get<Installation>(
                new Uri($"repos/{repo}/installation", UriKind.Relative), null, GitHubHttp.MediaType, cancellationToken).ConfigureAwait(false)).Body;
            if (installation is null || installation.Id == 0)
            {
                throw new GitHubException(GitHubFailure.MalformedResponse,
                    $"GitHub answered the installation request of App {_options.App.Id} for {repo} without an installation id");
            }

            _installations[repo] = installation.Id;
            return installation.Id;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Octokit's connection, signed in as the App itself, over the same handler chain as every other request.</summary>
    private Octokit.Connection AppConnection()
    {
        var jwt = Jwt();
        return new Octokit.Connection(GitHubHttp.Product, GitHubHttp.ApiBase(_options),
            new InMemoryCredentialStore(new Credentials(jwt, AuthenticationType.Bearer)), http, new SimpleJsonSerializer());
    }

    /// <summary>Reads the key afresh each time (an hourly event), so a rotated key file is picked up.</summary>
    private string Jwt()
    {
        var file = _options.App.PrivateKeyFile;
        string pem;
        try
        {
            pem = File.ReadAllText(file!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new GitHubException(GitHubFailure.MissingToken,
                $"cannot read the GitHub App private key {file} ({ex.GetType().Name}): fix {GitHubOptions.SectionName}:App:PrivateKeyFile");
        }

        using var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new GitHubException(GitHubFailure.MissingToken,
                $"the GitHub App private key {file} is not an RSA private key in PEM form: download a new key from the App's settings into {GitHubOptions.SectionName}:App:PrivateKeyFile");
        }

        return AppJwt.Create(_options.App.Id ?? 0, key, time.GetUtcNow());
    }
}

/// <summary>An installation token: the installation is its stable identity (the rate-limit budget), the token changes hourly.</summary>
internal sealed record InstallationToken(long Installation, string Token, DateTimeOffset ExpiresAt)
{
    public string Identity => $"installation {Installation.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Never the token itself.</summary>
    public override string ToString() => Identity;
}
