namespace TrunkExporter.FakeGitHub;

/// <summary>Which of GitHub's endpoints a request asked for.</summary>
internal enum RequestKind
{
    Commits,
    Runs,
    Jobs,

    /// <summary>GET /repos/{owner}/{repo}/installation, signed as the App.</summary>
    Installation,

    /// <summary>POST /app/installations/{id}/access_tokens, signed as the App.</summary>
    AccessToken,

    Other,
}
