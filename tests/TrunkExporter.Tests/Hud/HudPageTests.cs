using TrunkExporter.Configuration;
using TrunkExporter.Health;
using TrunkExporter.Hud;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Hud;

/// <summary>The page's text, where a browser is not needed: escaping, links, the range list, the states without data.</summary>
public sealed class HudPageTests
{
    private static readonly HudSettings Settings = new(GitHubWeb.Public, 60);

    [Fact]
    public void Untrusted_text_is_escaped_and_a_script_url_is_not_a_link()
    {
        var html = HudPage.Render(State(HostileTrunk.Snapshot()), Settings);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;window.__pwned=&#39;title&#39;", html, StringComparison.Ordinal);
        Assert.Contains("build &quot;quoted&quot;, &#39;single&#39;, a,b / test", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.test/log?a=1&amp;b=&quot;2&quot;&amp;c=&lt;3&gt;\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_culprit_range_lists_ten_commits_and_counts_the_rest()
    {
        var timeline = "F " + string.Join(' ', Enumerable.Repeat("-", 13)) + " S";

        var html = HudPage.Render(State(TrunkBuilder.Timeline(timeline), "pytorch/pytorch"), Settings with { AlertStreak = 1 });

        Assert.Contains("14 commits</span> since the last pass at", html, StringComparison.Ordinal);
        Assert.Contains($"/compare/{TrunkBuilder.Sha(14)}...{TrunkBuilder.Sha(0)}\"", html, StringComparison.Ordinal);
        Assert.Contains(ShortSha.Of(TrunkBuilder.Sha(9)), html, StringComparison.Ordinal);
        Assert.Contains(" and 4 more</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_branch_without_a_refresh_says_so_and_shows_the_error()
    {
        var target = new BranchTarget("pytorch/pytorch", "main", "dev-infra", ScopeSettings.Default, null, false);

        var html = HudPage.Render(new BranchState(target, LastError: "GitHub answered 401 <bad token>"), Settings);

        Assert.Contains("id=\"no-data\"", html, StringComparison.Ordinal);
        Assert.Contains("The latest refresh failed: GitHub answered 401 &lt;bad token&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"grid\"", html, StringComparison.Ordinal);
    }

    private static BranchState State(TrunkSnapshot snapshot, string? repo = null)
    {
        var target = new BranchTarget(repo ?? snapshot.Repo, snapshot.Branch, "dev-infra", ScopeSettings.Default, null, false);
        return new BranchState(target, TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default), DateTimeOffset.UnixEpoch);
    }
}
