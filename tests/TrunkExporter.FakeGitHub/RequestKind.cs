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

    /// <summary>GET (list) or POST (create) /repos/{owner}/{repo}/issues.</summary>
    Issues,

    /// <summary>GET or PATCH /repos/{owner}/{repo}/issues/{number}.</summary>
    Issue,

    /// <summary>GET or POST /repos/{owner}/{repo}/issues/{number}/comments.</summary>
    IssueComments,

    /// <summary>GET or POST /repos/{owner}/{repo}/labels.</summary>
    Labels,

    Other,
}
