using System.Globalization;
using System.Text.Json;

namespace TrunkExporter.FakeGitHub;

/// <summary>
/// The issues API of the fake: issues (list by state and labels, newest or oldest first; create; get; close or
/// reopen), their comments (list, create) and the repository's labels (list, create; 422 for a duplicate).
/// Any repository name is accepted; it holds what was written to it.
/// </summary>
internal sealed partial class FakeGitHubServer
{
    private readonly Dictionary<string, List<FakeIssue>> _issues = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _labels = new(StringComparer.OrdinalIgnoreCase);
    private long _commentIds = 900_000;

    /// <summary>The issues of <paramref name="repo"/>, by number.</summary>
    public IReadOnlyList<FakeIssue> IssuesOf(string repo)
    {
        lock (_gate)
        {
            return _issues.TryGetValue(repo, out var issues) ? [.. issues] : [];
        }
    }

    public FakeIssue Issue(string repo, int number) => IssuesOf(repo).Single(issue => issue.Number == number);

    /// <summary>The labels <paramref name="repo"/> has (created through the API or <see cref="AddLabel"/>).</summary>
    public IReadOnlyList<string> LabelsOf(string repo)
    {
        lock (_gate)
        {
            return _labels.TryGetValue(repo, out var labels) ? [.. labels] : [];
        }
    }

    public void AddLabel(string repo, string label)
    {
        lock (_gate)
        {
            LabelList(repo).Add(label);
        }
    }

    /// <summary>A person closes the issue on github.com.</summary>
    public void CloseByPerson(string repo, int number, string person = "octocat")
    {
        lock (_gate)
        {
            Replace(repo, number, issue => issue with { State = "closed", StateReason = "completed", ClosedAt = _time.GetUtcNow(), ClosedBy = person });
        }
    }

    private Answer ServeIssues(HttpRequest request, RouteMatch route, string? body)
    {
        var repo = route.Repo!;
        var post = HttpMethods.IsPost(request.Method);
        var patch = HttpMethods.IsPatch(request.Method);
        JsonElement input = default;
        if (post || patch)
        {
            try
            {
                using var document = JsonDocument.Parse(body ?? string.Empty);
                input = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return Error(400, "Problems parsing JSON", spend: true);
            }
        }

        var now = _time.GetUtcNow();
        switch (route.Kind)
        {
            case RequestKind.Labels when post:
                var name = Text(input, "name");
                if (string.IsNullOrEmpty(name))
                {
                    return Error(422, "Validation Failed", spend: true);
                }

                if (LabelList(repo).Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    return Error(422, "Validation Failed", spend: true);
                }

                LabelList(repo).Add(name);
                return Json(201, GitHubShapes.Label(repo, name, ApiBaseUrl));
            case RequestKind.Labels:
                return Json(200, GitHubShapes.Labels(repo, Paged(request, LabelList(repo)), ApiBaseUrl));
            case RequestKind.Issues when post:
                var title = Text(input, "title");
                if (string.IsNullOrEmpty(title))
                {
                    return Error(422, "Validation Failed", spend: true);
                }

                var labels = input.TryGetProperty("labels", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(label => label.GetString() ?? string.Empty).ToList()
                    : [];
                foreach (var label in labels.Where(label => !LabelList(repo).Contains(label, StringComparer.OrdinalIgnoreCase)))
                {
                    LabelList(repo).Add(label);
                }

                var issues = IssueList(repo);
                var created = new FakeIssue(repo, issues.Count + 1, title, Text(input, "body") ?? string.Empty, "open", labels, [], now, null, null, null);
                issues.Add(created);
                return Json(201, GitHubShapes.Issue(created, ApiBaseUrl));
            case RequestKind.Issues:
                var state = request.Query["state"].ToString() is { Length: > 0 } wanted ? wanted : "open";
                var required = request.Query["labels"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var matching = IssueList(repo)
                    .Where(issue => state == "all" || issue.State == state)
                    .Where(issue => required.All(label => issue.Labels.Contains(label, StringComparer.OrdinalIgnoreCase)));
                matching = request.Query["direction"].ToString() == "asc" ? matching.OrderBy(issue => issue.Number) : matching.OrderByDescending(issue => issue.Number);
                return Json(200, GitHubShapes.Issues(Paged(request, matching.ToList()), ApiBaseUrl));
            case RequestKind.Issue when patch:
                if (Find(repo, route.RunId) is null)
                {
                    return Error(404, "Not Found", spend: true);
                }

                var updated = Replace(repo, (int)route.RunId!.Value, issue => Text(input, "state") switch
                {
                    "closed" => issue with { State = "closed", StateReason = Text(input, "state_reason") ?? "completed", ClosedAt = issue.ClosedAt ?? now, ClosedBy = issue.ClosedBy ?? "bridge" },
                    "open" => issue with { State = "open", StateReason = "reopened", ClosedAt = null, ClosedBy = null },
                    _ => issue,
                });
                return Json(200, GitHubShapes.Issue(updated, ApiBaseUrl));
            case RequestKind.Issue:
                return Find(repo, route.RunId) is { } found ? Json(200, GitHubShapes.Issue(found, ApiBaseUrl)) : Error(404, "Not Found", spend: true);
            case RequestKind.IssueComments when post:
                if (Find(repo, route.RunId) is null)
                {
                    return Error(404, "Not Found", spend: true);
                }

                var comment = new FakeComment(++_commentIds, Text(input, "body") ?? string.Empty, now);
                Replace(repo, (int)route.RunId!.Value, issue => issue with { Comments = [.. issue.Comments, comment] });
                return Json(201, GitHubShapes.Comment(repo, (int)route.RunId!.Value, comment, ApiBaseUrl));
            default:
                return Find(repo, route.RunId) is { } commented
                    ? Json(200, GitHubShapes.Comments(repo, commented.Number, Paged(request, commented.Comments.ToList()), ApiBaseUrl))
                    : Error(404, "Not Found", spend: true);
        }
    }

    private static List<T> Paged<T>(HttpRequest request, List<T> items)
    {
        var perPage = Math.Clamp(QueryNumber(request, "per_page") ?? 30, 1, 100);
        var page = Math.Max(1, QueryNumber(request, "page") ?? 1);
        return [.. items.Skip((page - 1) * perPage).Take(perPage)];
    }

    private static Answer Json(int status, byte[] body) => new(status, body, null, null, Spend: true);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private List<FakeIssue> IssueList(string repo)
    {
        if (!_issues.TryGetValue(repo, out var issues))
        {
            _issues[repo] = issues = [];
        }

        return issues;
    }

    private List<string> LabelList(string repo)
    {
        if (!_labels.TryGetValue(repo, out var labels))
        {
            _labels[repo] = labels = [];
        }

        return labels;
    }

    private FakeIssue? Find(string repo, long? number) => IssueList(repo).FirstOrDefault(issue => issue.Number == number);

    private FakeIssue Replace(string repo, int number, Func<FakeIssue, FakeIssue> change)
    {
        var issues = IssueList(repo);
        var index = issues.FindIndex(issue => issue.Number == number);
        issues[index] = change(issues[index]);
        return issues[index];
    }
}
