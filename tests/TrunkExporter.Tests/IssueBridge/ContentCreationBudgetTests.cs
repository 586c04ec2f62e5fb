using Microsoft.Extensions.Time.Testing;
using TrunkExporter.GitHub.Policy;

namespace TrunkExporter.Tests.IssueBridge;

/// <summary>GitHub's limits for content-creating requests: 80 a minute and 500 an hour, on a sliding window.</summary>
public sealed class ContentCreationBudgetTests
{
    [Fact]
    public void Eighty_writes_a_minute_then_a_wait_until_the_oldest_leaves_the_minute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var budget = new ContentCreationBudget(time);
        for (var i = 0; i < 80; i++)
        {
            Assert.Null(budget.Reserve());
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(TimeSpan.FromSeconds(52), budget.Reserve());
        time.Advance(TimeSpan.FromSeconds(52));
        Assert.Null(budget.Reserve());
        Assert.NotNull(budget.Reserve());
    }

    [Fact]
    public void Five_hundred_writes_an_hour_then_a_wait_until_the_oldest_leaves_the_hour()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var budget = new ContentCreationBudget(time);
        for (var i = 0; i < 500; i++)
        {
            Assert.Null(budget.Reserve());
            time.Advance(TimeSpan.FromSeconds(6));
        }

        // 500 writes took 50 minutes (never 80 in one): the next waits until the first is an hour old.
        Assert.Equal(TimeSpan.FromMinutes(10), budget.Reserve());
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(budget.Reserve());
    }

    [Theory]
    [InlineData("POST", "https://api.github.com/repos/o/n/issues", true)]
    [InlineData("POST", "https://api.github.com/repos/o/n/issues/7/comments", true)]
    [InlineData("PATCH", "https://api.github.com/repos/o/n/issues/7", true)]
    [InlineData("POST", "https://api.github.com/repos/o/n/labels", true)]
    [InlineData("GET", "https://api.github.com/repos/o/n/issues", false)]
    [InlineData("POST", "https://api.github.com/app/installations/1/access_tokens", false)]
    public void Writes_to_issues_and_labels_are_content_creating(string method, string url, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        Assert.Equal(expected, ContentCreationLimiter.IsContentCreating(request));
    }
}
