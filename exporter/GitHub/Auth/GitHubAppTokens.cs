using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using TrunkExporter.GitHub.Http;

namespace TrunkExporter.GitHub.Auth;

/// <summary>
/// Installation tokens of the configured GitHub App: a JWT signed with the App's key is exchanged
/// through Octokit (POST /app/installations/{id}/access_tokens) for a token that lasts an hour. Each
/// token is kept and renewed <see cref="RenewBefore"/> its expiry, so no request ever carries an
/// expired one. The installation comes from configuration or, per repository, from
/// GET /repos/{owner}/{repo}/installation. Neither the key nor a token is ever logged or part of a message.
/// </summary>
internal sealed class GitHubAppTokens(IOptions<GitHubOptions> options, IHttpClient http, TimeProvider time) : IDisposable
{
    /// <summary>Renewal margin: longer than any refresh, so a token never expires in the middle of one.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly GitHubOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, AccessToken> _tokens = [];

    public bool IsConfigured => _options.App.IsConfigured;

    /// <summary>A token, valid for at least <see cref="RenewBefore"/>, of the installation that covers <paramref name="repo"/>.</summary>
    public async Task<string> GetTokenAsync(string repo, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var installation = _options.App.InstallationId ?? await InstallationOfAsync(repo).ConfigureAwait(false);
            if (_tokens.TryGetValue(installation, out var token) && time.GetUtcNow() < token.ExpiresAt - RenewBefore)
            {
                return token.Token;
            }

            token = await AppClient().GitHubApps.CreateInstallationToken(installation).ConfigureAwait(false);
            if (string.IsNullOrEmpty(token?.Token))
            {
                throw new GitHubException(GitHubFailure.MalformedResponse,
                    $"GitHub answered the installation token request of App {_options.App.Id} without a token");
            }

            _tokens[installation] = token;
            return token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets a token GitHub rejected, so the next refresh asks for a new one.</summary>
    public void Reject(string token)
    {
        _gate.Wait();
        try
        {
            foreach (var installation in _tokens.Where(pair => pair.Value.Token == token).Select(pair => pair.Key).ToList())
            {
                _tokens.Remove(installation);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<long> InstallationOfAsync(string repo)
    {
        if (_installations.TryGetValue(repo, out var known))
        {
            return known;
        }

        var parts = repo.Split('/');
        var installation = await AppClient().GitHubApps.GetRepositoryInstallationForCurrent(parts[0], parts[1]).ConfigureAwait(false);
        _installations[repo] = installation.Id;
        return installation.Id;
    }

    /// <summary>Octokit, signed in as the App itself, over the same handler chain as every other request.</summary>
    private GitHubClient AppClient()
    {
        var jwt = Jwt();
        var connection = new Octokit.Connection(GitHubHttp.Product, GitHubHttp.ApiBase(_options),
            new InMemoryCredentialStore(new Credentials(jwt, AuthenticationType.Bearer)), http, new SimpleJsonSerializer());
        return new GitHubClient(connection);
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
