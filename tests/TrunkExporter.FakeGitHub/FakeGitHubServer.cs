using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TrunkExporter.Snapshots;

namespace TrunkExporter.FakeGitHub;

/// <summary>
/// A fake GitHub REST API on 127.0.0.1 (a free port) answering the three endpoints the exporter
/// reads, in GitHub's JSON shapes, with weak ETags and 304s, Link pagination (later pages under
/// /repositories/ID/ as GitHub does), x-ratelimit-* headers that go down on every answer but a 304,
/// injectable faults, scripted changes, and a record of every request.
/// </summary>
internal sealed partial class FakeGitHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeGitHubOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly FakeIds _ids = new();
    private readonly Dictionary<string, FakeRepository> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(Fault Fault, int Left)> _faults = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<ScenarioStep> _steps = [];
    private readonly Dictionary<string, DateTimeOffset> _installationTokens = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _started;
    private int _remaining;
    private int _inFlight;
    private int _mostInFlight;
    private DateTimeOffset _windowStart;

    private FakeGitHubServer(WebApplication app, FakeGitHubOptions options, TimeProvider time)
    {
        _app = app;
        _options = options;
        _time = time;
        _started = time.GetUtcNow();
        _windowStart = _started;
        _remaining = options.RateLimit;
    }

    /// <summary>http://127.0.0.1:PORT plus the path prefix: what the exporter's ApiBaseUrl must be.</summary>
    public string ApiBaseUrl { get; private set; } = string.Empty;

    public static async Task<FakeGitHubServer> StartAsync(IEnumerable<TrunkSnapshot> repositories, FakeGitHubOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeGitHubServer(app, options ?? new FakeGitHubOptions(), time ?? TimeProvider.System);
        foreach (var snapshot in repositories)
        {
            server.AddRepository(snapshot);
        }

        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.ApiBaseUrl = address.TrimEnd('/') + server._options.PathPrefix;
        return server;
    }

    public static Task<FakeGitHubServer> StartAsync(TrunkSnapshot repository, FakeGitHubOptions? options = null, TimeProvider? time = null) =>
        StartAsync([repository], options, time);

    public void AddRepository(TrunkSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            _repositories[snapshot.Repo] = FakeRepository.FromSnapshot(snapshot, _ids);
        }
    }

    public RequestCounts Counts
    {
        get
        {
            lock (_gate)
            {
                return new RequestCounts([.. _requests]);
            }
        }
    }

    public void ResetCounts()
    {
        lock (_gate)
        {
            _requests.Clear();
            _mostInFlight = _inFlight;
        }
    }

    /// <summary>The most requests the fake was answering at once since it started (or since <see cref="ResetCounts"/>).</summary>
    public int MostConcurrent
    {
        get
        {
            lock (_gate)
            {
                return _mostInFlight;
            }
        }
    }

    /// <summary>Installation tokens issued so far (with an App configured).</summary>
    public int TokensIssued
    {
        get
        {
            lock (_gate)
            {
                return _installationTokens.Count;
            }
        }
    }

    public int RateLimitRemaining
    {
        get
        {
            lock (_gate)
            {
                return _remaining;
            }
        }
    }

    public void Inject(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults.Add((fault, fault.Times));
        }
    }

    public int FaultsLeft
    {
        get
        {
            lock (_gate)
            {
                return _faults.Sum(fault => fault.Left);
            }
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Changes a repository now (push a commit, finish jobs, re-run...).</summary>
    public void Change(string repo, Action<FakeRepository, DateTimeOffset> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            change(_repositories[repo], _time.GetUtcNow());
        }
    }

    public T Read<T>(string repo, Func<FakeRepository, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(_repositories[repo]);
        }
    }

    /// <summary>The snapshot a perfect client would capture now.</summary>
    public TrunkSnapshot Snapshot(string repo, int window = int.MaxValue) =>
        Read(repo, repository => repository.ToSnapshot(_time.GetUtcNow(), window));

    public void Script(IEnumerable<ScenarioStep> steps)
    {
        lock (_gate)
        {
            _steps.AddRange(steps);
        }
    }

    public int StepsLeft
    {
        get
        {
            lock (_gate)
            {
                return _steps.Count;
            }
        }
    }

    /// <summary>Applies the next scripted step, timed or not; false when the script is done.</summary>
    public bool ApplyNextStep()
    {
        lock (_gate)
        {
            if (_steps.Count == 0)
            {
                return false;
            }

            var step = _steps[0];
            _steps.RemoveAt(0);
            step.Apply(_repositories[step.Repo], _time.GetUtcNow());
            return true;
        }
    }

    /// <summary>
    /// Every page a client of this window would read, by a stable key, with its current ETag: two
    /// censuses differ exactly where a perfect client would have to read again.
    /// </summary>
    public IReadOnlyDictionary<string, string> Census(string repo, int window, int perPage = 100)
    {
        lock (_gate)
        {
            var repository = _repositories[repo];
            var census = new Dictionary<string, string>(StringComparer.Ordinal);
            var commitsPerPage = Math.Min(perPage, window);
            for (var page = 1; (page - 1) * commitsPerPage < Math.Min(window, repository.Commits.Count) || page == 1; page++)
            {
                census[$"commits:{page}"] = GitHubShapes.ETag(CommitsBody(repository, commitsPerPage, page));
            }

            foreach (var commit in repository.Commits.Take(window))
            {
                var runPages = Pages(commit.Runs.Count, perPage);
                for (var page = 1; page <= runPages; page++)
                {
                    census[$"runs:{commit.Sha}:{page}"] = GitHubShapes.ETag(RunsBody(repository, commit, perPage, page));
                }

                foreach (var run in commit.Runs)
                {
                    var jobPages = Pages(run.Jobs.Count, perPage);
                    for (var page = 1; page <= jobPages; page++)
                    {
                        census[$"jobs:{run.Id}:{page}"] = GitHubShapes.ETag(JobsBody(repository, commit, run, perPage, page, all: true));
                    }
                }
            }

            return census;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = _time.GetUtcNow();
        lock (_gate)
        {
            _mostInFlight = Math.Max(_mostInFlight, ++_inFlight);
        }

        try
        {
            if (_options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(_options.Latency, _time, context.RequestAborted).ConfigureAwait(false);
            }

            await AnswerAsync(context, arrived).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up while the fake was slow.
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    private async Task AnswerAsync(HttpContext context, DateTimeOffset arrived)
    {
        var route = Route(context.Request.Path.Value ?? "/");
        string? body = null;
        if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method))
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        Fault? fault;
        lock (_gate)
        {
            ApplyDueSteps();
            fault = TakeFault(route, QueryNumber(context.Request, "page") ?? 1, context.Request.Method);
            if (fault is { Kind: FaultKind.ChangeFirst, Change: { } change } && RepositoryOf(route) is { } changed)
            {
                change(changed, _time.GetUtcNow());
            }
        }

        if (fault is { Kind: FaultKind.Slow })
        {
            try
            {
                await Task.Delay(fault.Delay, _time, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Record(context, route, 499, fault, arrived);
                return;
            }
        }

        Answer answer;
        lock (_gate)
        {
            answer = Decide(context.Request, route, fault, body);
        }

        if (fault is { Kind: FaultKind.SlowAfterApply })
        {
            try
            {
                await Task.Delay(fault.Delay, _time, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Record(context, route, 499, fault, arrived);
                return;
            }
        }

        Record(context, route, answer.Status, fault, arrived);
        await WriteAsync(context, answer, fault, route.Kind).ConfigureAwait(false);
    }

    private Answer Decide(HttpRequest request, RouteMatch route, Fault? fault, string? body)
    {
        var now = _time.GetUtcNow();
        if (now - _windowStart >= _options.RateLimitWindow)
        {
            _windowStart = now;
            _remaining = _options.RateLimit;
        }

        var authorization = request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..]
            : authorization.StartsWith("token ", StringComparison.Ordinal) ? authorization[6..]
            : null;
        if (string.IsNullOrWhiteSpace(token))
        {
            return Error(401, "Requires authentication", spend: true);
        }

        if (route.Kind is RequestKind.Installation or RequestKind.AccessToken)
        {
            return AppAnswer(route, token, now);
        }

        if (fault is { Kind: FaultKind.Unauthorized } || (_options.AcceptedToken is { } accepted && token != accepted)
            || (_options.App is not null && (!_installationTokens.TryGetValue(token, out var expires) || expires <= now)))
        {
            return Error(401, "Bad credentials", spend: true);
        }

        if (string.IsNullOrEmpty(request.Headers.UserAgent.ToString()))
        {
            return Error(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).");
        }

        switch (fault?.Kind)
        {
            case FaultKind.ServerError:
                return Error(fault.Status, fault.Status == 502 ? "Server Error" : "Service Unavailable");
            case FaultKind.SecondaryRateLimit403 or FaultKind.TooManyRequests429:
                return Error(fault.Kind == FaultKind.TooManyRequests429 ? 429 : 403,
                    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.") with { RetryAfter = fault.RetryAfter };
            case FaultKind.PrimaryRateLimit403:
                return Error(403, "API rate limit exceeded for user ID 1.") with { Remaining = 0, Reset = now + fault.ResetIn };
        }

        if (_remaining <= 0)
        {
            return Error(403, "API rate limit exceeded for user ID 1.");
        }

        var answer = route.Kind is RequestKind.Issues or RequestKind.Issue or RequestKind.IssueComments or RequestKind.Labels
            ? ServeIssues(request, route, body)
            : Serve(request, route, fault);
        // An endless body is a 200 whatever the client holds: it stands for an upstream gone wrong.
        if (answer.Status == 200 && fault?.Kind != FaultKind.EndlessBody && answer.ETag is { } etag && IfNoneMatch(request, etag))
        {
            return answer with { Status = 304, Body = [], Link = null, Spend = false };
        }

        return answer;
    }

    /// <summary>The App's own endpoints: a verified JWT, then the installation or a new installation token.</summary>
    private Answer AppAnswer(RouteMatch route, string jwt, DateTimeOffset now)
    {
        if (_options.App is not { } app)
        {
            return Error(404, "Not Found");
        }

        if (app.Problem(jwt, now) is { } problem)
        {
            return Error(401, problem);
        }

        if (route.Kind == RequestKind.Installation)
        {
            return route.Repo is { } repo && _repositories.ContainsKey(repo)
                ? new Answer(200, GitHubShapes.Installation(app, repo, ApiBaseUrl), null, null, Spend: false)
                : Error(404, "Not Found");
        }

        if (route.RunId != app.InstallationId)
        {
            return Error(404, "Not Found");
        }

        var token = $"ghs_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18))}";
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((now + app.TokenLifetime).ToUnixTimeSeconds());
        _installationTokens[token] = expiresAt;
        return new Answer(201, GitHubShapes.AccessToken(token, expiresAt), null, null, Spend: false);
    }

    private FakeRepository? RepositoryOf(RouteMatch route) => route.RepositoryId is { } id
        ? _repositories.Values.FirstOrDefault(candidate => candidate.Id == id)
        : route.Repo is { } name ? _repositories.GetValueOrDefault(name) : null;

    private Answer Serve(HttpRequest request, RouteMatch route, Fault? fault)
    {
        var repository = RepositoryOf(route);
        if (repository is null || route.Kind == RequestKind.Other)
        {
            return Error(404, "Not Found", spend: true);
        }

        var perPage = Math.Clamp(QueryNumber(request, "per_page") ?? 30, 1, 100);
        var page = Math.Max(1, QueryNumber(request, "page") ?? 1);
        switch (route.Kind)
        {
            case RequestKind.Commits:
                var sha = request.Query["sha"].ToString();
                if (sha.Length > 0 && !string.Equals(sha, repository.Branch, StringComparison.Ordinal) && repository.Commit(sha) is null)
                {
                    return Error(404, $"No commit found for SHA: {sha}", spend: true);
                }

                return Page(request, repository, route, CommitsBody(repository, perPage, page), page, Pages(repository.Commits.Count, perPage), fault);
            case RequestKind.Runs:
                var commit = repository.Commit(request.Query["head_sha"].ToString());
                return Page(request, repository, route, RunsBody(repository, commit, perPage, page), page, Pages(commit?.Runs.Count ?? 0, perPage), fault);
            default:
                var run = repository.Run(route.RunId!.Value);
                if (run is null)
                {
                    return Error(404, "Not Found", spend: true);
                }

                var owner = repository.Commits.First(candidate => candidate.Runs.Contains(run));
                var all = request.Query["filter"].ToString() == "all";
                var count = all ? run.Jobs.Count : run.LatestJobs.Count();
                return Page(request, repository, route, JobsBody(repository, owner, run, perPage, page, all), page, Pages(count, perPage), fault);
        }
    }

    private Answer Page(HttpRequest request, FakeRepository repository, RouteMatch route, byte[] body, int page, int pages, Fault? fault)
    {
        string? link = null;
        var loop = fault?.Kind == FaultKind.LinkLoop;
        if (pages > 1 || loop)
        {
            var query = string.Join('&', request.Query.Where(pair => pair.Key != "page").Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value.ToString())}"));
            var root = $"{ApiBaseUrl}/repositories/{repository.Id}/{route.Suffix}?{query}&page=";
            var links = new List<string>();
            if (page > 1)
            {
                links.Add($"<{root}{page - 1}>; rel=\"prev\"");
            }

            if (page < pages)
            {
                links.Add($"<{root}{page + 1}>; rel=\"next\"");
                links.Add($"<{root}{pages}>; rel=\"last\"");
            }
            else if (loop)
            {
                links.Add($"<{root}1>; rel=\"next\"");
            }

            if (page > 1)
            {
                links.Add($"<{root}1>; rel=\"first\"");
            }

            link = string.Join(", ", links);
        }

        return new Answer(200, body, GitHubShapes.ETag(body), link, Spend: true);
    }

    private byte[] CommitsBody(FakeRepository repository, int perPage, int page) =>
        GitHubShapes.CommitsPage(repository, repository.Commits.Skip((page - 1) * perPage).Take(perPage), ApiBaseUrl);

    private byte[] RunsBody(FakeRepository repository, FakeCommit? commit, int perPage, int page) =>
        GitHubShapes.RunsPage(repository, commit, commit?.Runs.Count ?? 0, commit?.Runs.Skip((page - 1) * perPage).Take(perPage) ?? [], ApiBaseUrl);

    private byte[] JobsBody(FakeRepository repository, FakeCommit commit, FakeRun run, int perPage, int page, bool all)
    {
        var jobs = (all ? run.Jobs : run.LatestJobs).OrderBy(job => job.Id).ToList();
        return GitHubShapes.JobsPage(repository, commit, run, jobs.Count, jobs.Skip((page - 1) * perPage).Take(perPage), ApiBaseUrl);
    }

    private static int Pages(int count, int perPage) => Math.Max(1, (count + perPage - 1) / perPage);

    private static bool IfNoneMatch(HttpRequest request, string etag) =>
        request.Headers.IfNoneMatch.Any(value => value is not null
            && value.Split(',', StringSplitOptions.TrimEntries).Any(candidate => candidate == etag || candidate == "*"));

    private static int? QueryNumber(HttpRequest request, string name) =>
        int.TryParse(request.Query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static Answer Error(int status, string message, bool spend = false) =>
        new(status, GitHubShapes.Error(message), null, null, spend);

    private async Task WriteAsync(HttpContext context, Answer answer, Fault? fault, RequestKind kind)
    {
        if (answer.Spend && _remaining > 0)
        {
            lock (_gate)
            {
                _remaining = Math.Max(0, _remaining - 1);
            }
        }

        var response = context.Response;
        response.StatusCode = answer.Status;
        var headers = response.Headers;
        headers["x-github-api-version-selected"] = "2022-11-28";
        headers["X-GitHub-Request-Id"] = $"FAKE:{Guid.NewGuid():N}"[..24];
        headers["x-ratelimit-limit"] = _options.RateLimit.ToString(CultureInfo.InvariantCulture);
        int remaining;
        lock (_gate)
        {
            remaining = answer.Remaining ?? _remaining;
        }

        headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-used"] = (_options.RateLimit - remaining).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = fault?.ResetText
            ?? (answer.Reset ?? _windowStart + _options.RateLimitWindow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
        if (answer.ETag is not null)
        {
            headers.ETag = answer.ETag;
        }

        if (answer.Link is not null)
        {
            headers["Link"] = answer.Link;
        }

        if (fault?.RetryAfterText is { } retryAfterText)
        {
            headers.RetryAfter = retryAfterText;
        }
        else if (answer.RetryAfter is { } retryAfter)
        {
            headers.RetryAfter = ((long)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (answer.Status == 304)
        {
            return;
        }

        response.ContentType = "application/json; charset=utf-8";
        var body = answer.Body;
        switch (fault?.Kind)
        {
            case FaultKind.TruncatedBody when answer.Status == 200:
                response.ContentLength = body.Length / 2;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2)).ConfigureAwait(false);
                return;
            case FaultKind.MalformedBody when answer.Status == 200:
                var malformed = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body).Replace("\":", "\"=", StringComparison.Ordinal));
                response.ContentLength = malformed.Length;
                await response.Body.WriteAsync(malformed).ConfigureAwait(false);
                return;
            case FaultKind.ConnectionReset when answer.Status == 200:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2)).ConfigureAwait(false);
                await response.Body.FlushAsync().ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.EndlessBody when answer.Status == 200:
                await WriteEndlessAsync(response, kind, fault.Bytes, context.RequestAborted).ConfigureAwait(false);
                return;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    /// <summary>
    /// The list's opening, then items until <paramref name="bytes"/>, two minutes, or the client hangs up. Kestrel
    /// discards writes to a connection the client closed until it notices (RequestAborted, or a completed flush),
    /// so what the fake wrote is no measure of what the client read.
    /// </summary>
    private static async Task WriteEndlessAsync(HttpResponse response, RequestKind kind, long bytes, CancellationToken aborted)
    {
        var opening = kind switch
        {
            RequestKind.Runs => "{\"total_count\":1,\"workflow_runs\":[",
            RequestKind.Jobs => "{\"total_count\":1,\"jobs\":[",
            _ => "[",
        };
        var item = kind == RequestKind.Commits
            ? "{\"sha\":\"0000000000000000000000000000000000000000\",\"commit\":{\"message\":\"endless\"}},"
            : "{\"id\":1,\"name\":\"endless\",\"status\":\"completed\",\"conclusion\":\"success\"},";
        var chunk = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(item, 64 * 1024 / item.Length)));
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var result = await response.BodyWriter.WriteAsync(System.Text.Encoding.UTF8.GetBytes(opening), aborted).ConfigureAwait(false);
            for (var written = 0L; written < bytes && !result.IsCompleted && !result.IsCanceled && started.Elapsed < TimeSpan.FromMinutes(2); written += chunk.Length)
            {
                result = await response.BodyWriter.WriteAsync(chunk, aborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client hung up: what it should do.
        }
    }

    private void Record(HttpContext context, RouteMatch route, int status, Fault? fault, DateTimeOffset arrived)
    {
        var headers = context.Request.Headers;
        var authorization = headers.Authorization.ToString();
        var recorded = new RecordedRequest(
            route.Kind,
            context.Request.Path + context.Request.QueryString,
            headers.IfNoneMatch.Count > 0 ? headers.IfNoneMatch.ToString() : null,
            headers.Accept.Count > 0 ? headers.Accept.ToString() : null,
            headers.TryGetValue("X-GitHub-Api-Version", out var version) ? version.ToString() : null,
            headers.UserAgent.Count > 0 ? headers.UserAgent.ToString() : null,
            authorization.Length > 0 ? authorization.Split(' ')[0] : null,
            status,
            fault?.Kind.ToString(),
            context.Request.Method,
            arrived);
        lock (_gate)
        {
            _requests.Add(recorded);
        }
    }

    private void ApplyDueSteps()
    {
        var elapsed = _time.GetUtcNow() - _started;
        while (_steps.Count > 0 && _steps[0].At is { } at && at <= elapsed)
        {
            var step = _steps[0];
            _steps.RemoveAt(0);
            step.Apply(_repositories[step.Repo], _time.GetUtcNow());
        }
    }

    private Fault? TakeFault(RouteMatch route, int page, string method)
    {
        var repo = route.Repo ?? _repositories.Values.FirstOrDefault(candidate => candidate.Id == route.RepositoryId)?.FullName;
        for (var i = 0; i < _faults.Count; i++)
        {
            var (fault, left) = _faults[i];
            if (left > 0 && fault.Matches(route.Kind, repo, page, method))
            {
                _faults[i] = (fault, left - 1);
                return fault;
            }
        }

        return null;
    }

    private RouteMatch Route(string path)
    {
        if (!path.StartsWith(_options.PathPrefix, StringComparison.Ordinal))
        {
            return new RouteMatch(RequestKind.Other, null, null, null, string.Empty);
        }

        var app = AppRoutePattern().Match(path[_options.PathPrefix.Length..]);
        if (app.Success)
        {
            return app.Groups["installation"].Success
                ? new RouteMatch(RequestKind.AccessToken, null, null, long.Parse(app.Groups["installation"].ValueSpan, CultureInfo.InvariantCulture), string.Empty)
                : new RouteMatch(RequestKind.Installation, $"{app.Groups["owner"].Value}/{app.Groups["name"].Value}", null, null, string.Empty);
        }

        var issues = IssuesRoutePattern().Match(path[_options.PathPrefix.Length..]);
        if (issues.Success)
        {
            var issuePath = issues.Groups["suffix"].Value;
            long? number = issues.Groups["number"].Success ? long.Parse(issues.Groups["number"].ValueSpan, CultureInfo.InvariantCulture) : null;
            var issueKind = issuePath == "labels" ? RequestKind.Labels
                : number is null ? RequestKind.Issues
                : issuePath.EndsWith("/comments", StringComparison.Ordinal) ? RequestKind.IssueComments
                : RequestKind.Issue;
            return new RouteMatch(issueKind, $"{issues.Groups["owner"].Value}/{issues.Groups["name"].Value}", null, number, issuePath);
        }

        var match = RoutePattern().Match(path[_options.PathPrefix.Length..]);
        if (!match.Success)
        {
            return new RouteMatch(RequestKind.Other, null, null, null, string.Empty);
        }

        var repo = match.Groups["owner"].Success ? $"{match.Groups["owner"].Value}/{match.Groups["name"].Value}" : null;
        long? repositoryId = match.Groups["id"].Success ? long.Parse(match.Groups["id"].ValueSpan, CultureInfo.InvariantCulture) : null;
        long? runId = match.Groups["run"].Success ? long.Parse(match.Groups["run"].ValueSpan, CultureInfo.InvariantCulture) : null;
        var suffix = match.Groups["suffix"].Value;
        var kind = suffix == "commits" ? RequestKind.Commits : runId is null ? RequestKind.Runs : RequestKind.Jobs;
        return new RouteMatch(kind, repo, repositoryId, runId, suffix);
    }

    /// <summary>The issues API: issues, one issue, its comments, and the repository's labels (the issue number in RunId).</summary>
    [GeneratedRegex(@"^/repos/(?<owner>[^/]+)/(?<name>[^/]+)/(?<suffix>labels|issues|issues/(?<number>\d+)|issues/(?<number>\d+)/comments)$")]
    private static partial Regex IssuesRoutePattern();

    [GeneratedRegex(@"^/(?:repos/(?<owner>[^/]+)/(?<name>[^/]+)|repositories/(?<id>\d+))/(?<suffix>commits|actions/runs|actions/runs/(?<run>\d+)/jobs)$")]
    private static partial Regex RoutePattern();

    /// <summary>The App's endpoints: the installation of a repository, and a new token of an installation (its id in RunId).</summary>
    [GeneratedRegex(@"^/(?:repos/(?<owner>[^/]+)/(?<name>[^/]+)/installation|app/installations/(?<installation>\d+)/access_tokens)$")]
    private static partial Regex AppRoutePattern();

    private sealed record RouteMatch(RequestKind Kind, string? Repo, long? RepositoryId, long? RunId, string Suffix);

    private sealed record Answer(int Status, byte[] Body, string? ETag, string? Link, bool Spend)
    {
        public TimeSpan? RetryAfter { get; init; }

        public int? Remaining { get; init; }

        public DateTimeOffset? Reset { get; init; }
    }
}
