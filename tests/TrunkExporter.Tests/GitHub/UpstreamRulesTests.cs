using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

/// <summary>The pure units behind the upstream limits: the body size limit, the pagination guard, the commit de-duplication, the wait headers, the token check.</summary>
public sealed class UpstreamRulesTests
{
    private static readonly Uri Api = new("https://api.github.com/");
    private static readonly DateTimeOffset Date = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<HttpResponseMessage> SendThroughLimitAsync(long limit, HttpContent content)
    {
        using var handler = new ResponseSizeLimitHandler(limit) { InnerHandler = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = content }) };
        using var client = new HttpClient(handler);
        return await client.GetAsync(new Uri(Api, "repos/o/r/commits"), HttpCompletionOption.ResponseHeadersRead);
    }

    [Fact]
    public async Task A_body_up_to_the_limit_passes_whole_with_its_content_headers()
    {
        var body = new byte[100_000];
        Random.Shared.NextBytes(body);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };

        using var response = await SendThroughLimitAsync(100_000, content);

        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(100_000, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task An_undeclared_body_one_byte_over_the_limit_fails_with_one_line_naming_the_key()
    {
        using var content = new StreamContent(new CountingStream(length: 100_001));

        var error = await Assert.ThrowsAsync<GitHubException>(() => SendThroughLimitAsync(100_000, content));

        Assert.Equal(GitHubFailure.ResponseTooLarge, error.Failure);
        Assert.Equal("GitHub's answer to GET https://api.github.com/repos/o/r/commits is larger than TrunkExporter:GitHub:MaxResponseBytes (100,000 bytes; it did not end there); it was not read further, the refresh keeps the last good state", error.Message);
        Assert.False(error.NeedsOperator);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_a_byte_is_read()
    {
        var endless = new CountingStream();
        using var content = new StreamContent(endless);
        content.Headers.ContentLength = 10L * 1024 * 1024 * 1024;

        var error = await Assert.ThrowsAsync<GitHubException>(() => SendThroughLimitAsync(100_000, content));

        Assert.Contains("it declares 10,737,418,240 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, endless.BytesRead);
    }

    [Fact]
    public async Task An_endless_body_is_read_no_further_than_the_limit_and_one_buffer()
    {
        var endless = new CountingStream();
        using var content = new StreamContent(endless, 4096);

        await Assert.ThrowsAsync<GitHubException>(() => SendThroughLimitAsync(1_000_000, content));

        Assert.InRange(endless.BytesRead, 1_000_001, 1_000_000 + 64 * 1024);
    }

    [Fact]
    public void The_pagination_guard_stops_at_the_first_url_read_twice()
    {
        var guard = new PaginationGuard(Api, "job list");
        guard.Visit(new Uri(Api, "repos/o/r/actions/runs/1/jobs?filter=all&per_page=100"));
        guard.Visit(new Uri(Api, "repositories/9/actions/runs/1/jobs?filter=all&per_page=100&page=2"));
        guard.Visit(new Uri(Api, "repositories/9/actions/runs/1/jobs?filter=all&per_page=100&page=1"));

        var error = Assert.Throws<GitHubException>(() => guard.Visit(new Uri(Api, "repositories/9/actions/runs/1/jobs?filter=all&per_page=100&page=2")));

        Assert.Equal(GitHubFailure.MalformedResponse, error.Failure);
        Assert.Equal("GitHub's pagination of the job list loops: its Link header leads back to https://api.github.com/repositories/9/actions/runs/1/jobs?filter=all&per_page=100&page=2, a page already read in this pagination; the refresh stops there and keeps the last good state", error.Message);
        Assert.Equal(3, guard.Pages);
    }

    [Fact]
    public void The_pagination_guard_keeps_the_token_on_the_api_host_and_ends_after_the_page_limit()
    {
        var guard = new PaginationGuard(Api, "run list");

        Assert.Contains("outside https://api.github.com/", Assert.Throws<GitHubException>(() => guard.Visit(new Uri("https://evil.example/repos/o/r/actions/runs"))).Message, StringComparison.Ordinal);
        for (var page = 1; page <= PaginationGuard.MaxPages; page++)
        {
            guard.Visit(new Uri(Api, $"repositories/9/actions/runs?page={page}"));
        }

        Assert.Contains("did not end after 1000 pages", Assert.Throws<GitHubException>(() => guard.Visit(new Uri(Api, "repositories/9/actions/runs?page=1001"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unique_commits_keep_the_first_copy_in_list_order_count_the_repeats_and_stop_at_the_window()
    {
        static BranchCommit Commit(string sha) => new(sha, Date, sha, null, null);
        var commits = new UniqueCommits(4);

        commits.Add([Commit("a"), Commit("b"), Commit("c")]);
        commits.Add([Commit("C"), Commit("b"), Commit("d"), Commit("e")]);

        Assert.Equal(["a", "b", "c", "d"], commits.Commits.Select(commit => commit.Sha));
        Assert.Equal(2, commits.Repeats);
        Assert.True(commits.IsFull);
    }

    [Theory]
    [InlineData("7", 7.0, false)]
    [InlineData(" 3600 ", 3600.0, false)]
    [InlineData("-5", 0.0, false)]
    [InlineData("-99999999999999999999", 0.0, false)]
    [InlineData("3601", 3600.0, true)]
    [InlineData("9223372036854775807", 3600.0, true)]
    [InlineData("99999999999999999999", 3600.0, true)]
    [InlineData("Thu, 01 Jan 2026 12:01:30 GMT", 90.0, false)]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT", 3600.0, true)]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT", 0.0, false)]
    public void Retry_after_is_read_as_at_most_an_hour_and_says_when_it_was_absurd(string value, double seconds, bool absurd)
    {
        var wait = RateLimitHeaders.RetryAfter(value, Date);

        Assert.Equal(TimeSpan.FromSeconds(seconds), wait!.Wait);
        Assert.Equal(absurd, wait.Note is not null);
        if (absurd)
        {
            Assert.Equal($"Retry-After '{value.Trim()}' is beyond GitHub's one-hour window, taken as an hour", wait.Note);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("1.5")]
    [InlineData("tomorrow, 12:00")]
    public void An_unreadable_retry_after_is_no_hint(string? value) => Assert.Null(RateLimitHeaders.RetryAfter(value, Date));

    [Theory]
    [InlineData("1767272400", "2026-01-01T13:00:00+00:00", false)] // an hour ahead: GitHub's longest
    [InlineData("1767270000", "2026-01-01T12:20:00+00:00", false)]
    [InlineData("1000000000", "2001-09-09T01:46:40+00:00", false)] // in the past: no wait
    [InlineData("1767276000", "2026-01-01T13:00:00+00:00", true)] // two hours ahead
    [InlineData("253402300800", "2026-01-01T13:00:00+00:00", true)] // past year 9999
    [InlineData("99999999999999999999", "2026-01-01T13:00:00+00:00", true)] // past a long
    [InlineData("-62135596801", "2026-01-01T12:00:00+00:00", true)]
    public void The_reset_is_read_as_at_most_an_hour_after_the_answer_and_says_when_it_was_absurd(string value, string expected, bool absurd)
    {
        var reset = RateLimitHeaders.Reset(value, Date);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), reset!.Time);
        Assert.Equal(absurd, reset.Note is not null);
        Assert.Null(RateLimitHeaders.Reset("soon", Date));
    }

    [Fact]
    public void An_absurd_reset_reaches_the_rate_limit_and_the_response_note_and_a_wait_never_overflows()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Date"] = "Thu, 01 Jan 2026 12:00:00 GMT",
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = "99999999999999",
        };

        var response = GitHubResponse.From(403, name => headers.GetValueOrDefault(name), ReadOnlyMemory<byte>.Empty);

        Assert.Equal(Date + TimeSpan.FromHours(1), response.RateLimit!.Reset);
        Assert.Equal("x-ratelimit-reset '99999999999999' is beyond GitHub's one-hour window, taken as an hour from now", response.HeaderNote);
        Assert.Equal(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1), GitHubRetryRules.RateLimitDelay(response, 0, Date, TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.MaxValue, RateLimitHeaders.Times(TimeSpan.FromDays(10_000_000), 65536));
    }

    [Theory]
    [InlineData("ghp_abc\nghp_def", "token file /run/token has more than one line: it must hold the token alone, on one line")]
    [InlineData("ghp_abc\rghp_def", "token file /run/token has more than one line: it must hold the token alone, on one line")]
    [InlineData("ghp_\u00e4bc", "the GitHub token from token file /run/token contains non-ASCII characters: GitHub tokens are ASCII, copy it again")]
    [InlineData("ghp_\u00a0abc", "the GitHub token from token file /run/token contains non-ASCII characters: GitHub tokens are ASCII, copy it again")]
    [InlineData("ghp_a\tbc", "the GitHub token from token file /run/token contains a space or a control character: it must be the token alone")]
    public void A_token_that_cannot_be_a_header_is_refused_in_one_line_that_needs_an_operator(string token, string message)
    {
        var error = Assert.Throws<GitHubException>(() => GitHubToken.Check(token, "token file /run/token"));

        Assert.Equal(message, error.Message);
        Assert.True(error.NeedsOperator);
    }

    [Fact]
    public async Task A_token_file_is_read_only_if_it_is_a_small_regular_file_a_BOM_aside()
    {
        using var directory = new TempDirectory();
        var fifo = directory.File("fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var large = directory.File("large");
        await File.WriteAllTextAsync(large, new string('a', 70_000));
        var bom = directory.File("bom");
        await File.WriteAllBytesAsync(bom, [0xEF, 0xBB, 0xBF, .. "ghp_abc\n"u8.ToArray()]);
        static GitHubCredentials Credentials(string file) => new(Options.Create(new GitHubOptions { TokenFile = file }), _ => null);

        var fromFifo = Assert.Throws<GitHubException>(() => Credentials(fifo).GetToken());
        var fromLarge = Assert.Throws<GitHubException>(() => Credentials(large).GetToken());

        Assert.Equal($"token file {fifo} is a named pipe (FIFO), not a regular file: point TrunkExporter:GitHub:TokenFile at a file holding the token", fromFifo.Message);
        Assert.Equal($"token file {large} is larger than 65536 bytes: it must hold the token alone", fromLarge.Message);
        Assert.True(fromFifo.NeedsOperator && fromLarge.NeedsOperator);
        Assert.Equal("ghp_abc", Credentials(bom).GetToken());
    }

    [Fact]
    public void A_token_is_trimmed_of_its_surrounding_lines_and_spaces() =>
        Assert.Equal("ghp_abc", GitHubToken.Check("  ghp_abc\r\n\n", "GITHUB_TOKEN"));

    [Theory]
    [InlineData(65535L, false)]
    [InlineData(65536L, true)]
    [InlineData(16777216L, true)]
    [InlineData(1073741824L, true)]
    [InlineData(1073741825L, false)]
    public void MaxResponseBytes_is_validated_at_start_with_one_line(long value, bool valid)
    {
        var result = new GitHubOptionsValidator().Validate(null, new GitHubOptions { MaxResponseBytes = value });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Equal($"TrunkExporter:GitHub:MaxResponseBytes must be between 65536 (64 KiB) and 1073741824 (1 GiB) (got {value}).", Assert.Single(result.Failures!));
        }
    }

    [Fact]
    public void The_default_MaxResponseBytes_is_16_MiB() =>
        Assert.Equal(16 * 1024 * 1024, Options.Create(new GitHubOptions()).Value.MaxResponseBytes);

    /// <summary>A stream of <paramref name="length"/> bytes (endless by default), not seekable, so undeclared; counts what was read from it.</summary>
    private sealed class CountingStream(long length = long.MaxValue) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, read).Fill((byte)'x');
            BytesRead += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
