using System.Text;
using TrunkExporter.GitHub.Http;

namespace TrunkExporter.Tests.GitHub;

public sealed class ETagCacheTests
{
    private static readonly Uri Url = new("https://api.github.com/repos/pytorch/pytorch/commits?sha=main&per_page=50");

    [Fact]
    public void Confirming_one_readers_answer_never_promotes_another_readers_unparsed_body_of_the_same_url()
    {
        var cache = new ETagCache();

        // Two branches' refreshes GET the same URL; the second body arrives (truncated) before the first one parsed.
        cache.Offer(Url, "W/\"good\"", null, "application/json", Encoding.UTF8.GetBytes("[{\"sha\":\"a\"}]"));
        cache.Offer(Url, "W/\"cut\"", null, "application/json", Encoding.UTF8.GetBytes("[{\"sha\""));
        cache.Confirm(Url, "W/\"good\"");

        Assert.NotEqual("W/\"cut\"", cache.Confirmed(Url)?.ETag);
    }

    [Fact]
    public void The_answer_that_parsed_is_replayed_with_its_own_body()
    {
        var cache = new ETagCache();
        cache.Offer(Url, "W/\"good\"", "<https://api.github.com/x?page=2>; rel=\"next\"", "application/json", Encoding.UTF8.GetBytes("[]"));

        cache.Confirm(Url, "W/\"good\"");

        var confirmed = cache.Confirmed(Url)!;
        Assert.Equal("[]", Encoding.UTF8.GetString(confirmed.Body()));
        Assert.Equal("<https://api.github.com/x?page=2>; rel=\"next\"", confirmed.Link);
    }
}
