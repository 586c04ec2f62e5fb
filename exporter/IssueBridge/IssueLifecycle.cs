using System.Globalization;
using Microsoft.Extensions.Options;

namespace TrunkExporter.IssueBridge;

/// <summary>
/// The issue of each alert fingerprint through its life: created on the first firing, commented on when
/// something material changed (at most once per <see cref="IssueBridgeOptions.CommentInterval"/>), closed
/// with a comment on resolution, left alone once a person closed it, and opened afresh (linking the
/// previous one) when the alert fires again after its resolution. Every alert of a notification is
/// applied, one at a time (a notification, a retry and the reconciler never interleave).
/// <para>
/// Nothing is invented when GitHub fails: the alert is reported failed, the webhook answers 5xx and
/// Alertmanager sends it again. Before creating an issue the bridge looks for its marker among its open
/// issues, and before a comment it may already have posted (a failure after GitHub took it) it looks
/// for the comment's marker, so a retry never duplicates either.
/// </para>
/// </summary>
internal sealed class IssueLifecycle(
    BridgeStore store,
    GitHubIssues github,
    AlertmanagerAlerts alertmanager,
    IOptions<IssueBridgeOptions> options,
    BridgeMetrics metrics,
    TimeProvider time,
    ILogger<IssueLifecycle> logger) : IDisposable
{
    private readonly IssueBridgeOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Applies every alert; false when at least one could not be (the others stay applied).</summary>
    public async Task<bool> ApplyAsync(AlertmanagerNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var applied = true;
            var silenceBase = _options.SilenceUrlBase?.ToString() ?? notification.ExternalUrl;
            foreach (var alert in notification.Alerts)
            {
                try
                {
                    await ApplyAsync(alert, silenceBase, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    applied = false;
                    BridgeLog.Failed(logger, alert.Name, alert.Fingerprint, ex.Message);
                }
            }

            metrics.SetOpen(store.OpenByPriority());
            return applied;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Closes the open issues whose alert Alertmanager no longer holds (<paramref name="active"/> are the
    /// fingerprints it does), once they were missing for <see cref="IssueBridgeOptions.ReconcileGrace"/>:
    /// a resolution that was never notified, such as a P2's muted by inhibition. A P2 stays open while the
    /// P1 it escalated to is open; that P1's resolution closes it.
    /// </summary>
    public async Task ReconcileAsync(IReadOnlySet<string> active, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(active);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            foreach (var record in store.Open())
            {
                if (active.Contains(record.Fingerprint))
                {
                    if (record.MissingSince is not null)
                    {
                        store.Put(record with { MissingSince = null });
                    }

                    continue;
                }

                if (record.Priority == "P2" && store.OpenP1(record.Repository, record.AlertRepo, record.AlertBranch) is not null)
                {
                    continue;
                }

                if (record.MissingSince is not { } missing)
                {
                    store.Put(record with { MissingSince = now });
                    continue;
                }

                if (now - missing < _options.ReconcileGrace)
                {
                    continue;
                }

                try
                {
                    await CloseUnseenAsync(record, "Alertmanager no longer holds this alert, so it resolved without a notification reaching the bridge (muted by inhibition, or lost)", cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    metrics.Count("reconcile", "failed");
                    BridgeLog.Failed(logger, record.Priority, record.Fingerprint, ex.Message);
                }
            }

            metrics.SetOpen(store.OpenByPriority());
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyAsync(BridgeAlert alert, string? silenceBase, CancellationToken cancellationToken)
    {
        var record = store.Get(alert.Fingerprint);
        if (record is not null && IsOlder(alert, record))
        {
            Ignore(alert, "out_of_order", $"older than the update applied last (startsAt {record.StartsAt:u}{(record.EndsAt is { } ends ? $", resolved {ends:u}" : string.Empty)})");
            return;
        }

        if (record is { ManualClose: true } && alert.StartsAt == record.StartsAt)
        {
            Ignore(alert, "manual_close", $"{record.Repository}#{record.Issue} was closed by a person");
            return;
        }

        if (!alert.Firing)
        {
            await ResolveAsync(alert, record, cancellationToken).ConfigureAwait(false);
        }
        else if (record is { Open: true })
        {
            await UpdateAsync(alert, record, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CreateAsync(alert, record, silenceBase, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>By startsAt, then endsAt: an earlier occurrence, a firing after its own resolution, or an earlier resolution.</summary>
    internal static bool IsOlder(BridgeAlert alert, AlertRecord record) =>
        alert.StartsAt < record.StartsAt
        || (alert.StartsAt == record.StartsAt && record.EndsAt is { } resolved
            && (alert.Firing || alert.EndsAt < resolved));

    private async Task CreateAsync(BridgeAlert alert, AlertRecord? previous, string? silenceBase, CancellationToken cancellationToken)
    {
        var repository = _options.RepositoryFor(alert.Label("team"));
        var labels = IssueText.Labels(alert, _options.LabelTemplates, _options.SourceLabel);
        var escalatedFrom = alert.Priority == "P1" ? store.OpenP2(repository, alert.Label("repo"), alert.Label("branch")) : null;
        var facts = AlertFacts.Of(alert);

        await github.EnsureLabelsAsync(repository, labels, cancellationToken).ConfigureAwait(false);

        // A failure after GitHub created the issue (a timeout, a crash) leaves it unrecorded: find it by its marker.
        var number = await github.FindOpenAsync(repository, _options.SourceLabel, IssueText.Marker(alert.Fingerprint), previous?.Issue, cancellationToken).ConfigureAwait(false);
        var action = "adopted";
        if (number is null)
        {
            try
            {
                number = await github.CreateAsync(repository, IssueText.Title(alert), IssueText.Body(alert, silenceBase, escalatedFrom?.Issue, previous?.Issue), labels, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch
            {
                metrics.Count("create", "failed");
                throw;
            }

            action = "ok";
        }

        metrics.Count("create", action);
        var verb = action == "ok" ? "Created" : "Found unrecorded";
        var title = IssueText.Title(alert);
        BridgeLog.Acted(logger, verb, repository, number.Value, alert.Name, alert.Fingerprint, title);

        if (escalatedFrom is not null)
        {
            var key = $"escalated-to-{number.Value.ToString(CultureInfo.InvariantCulture)}";
            await CommentOnceAsync(escalatedFrom.Repository, escalatedFrom.Issue, key, IssueText.Escalated(number.Value, key), cancellationToken).ConfigureAwait(false);
            metrics.Count("escalate", "ok");
            var link = $"P1 #{number.Value}";
            BridgeLog.Acted(logger, "Linked escalation on", escalatedFrom.Repository, escalatedFrom.Issue, alert.Name, alert.Fingerprint, link);
        }

        store.Put(new AlertRecord(
            alert.Fingerprint, repository, number.Value, Open: true, alert.Priority, alert.Label("repo"), alert.Label("branch"),
            alert.StartsAt, EndsAt: null, AppliedAt: alert.StartsAt, ManualClose: false, LastComment: null, facts.Key,
            escalatedFrom?.Issue, previous?.Issue, MissingSince: null));
    }

    private async Task UpdateAsync(BridgeAlert alert, AlertRecord record, CancellationToken cancellationToken)
    {
        var facts = AlertFacts.Of(alert);
        if (facts.Key == record.Facts)
        {
            Ignore(alert, "repeat", "nothing material changed");
            return;
        }

        var now = time.GetUtcNow();
        if (record.LastComment is { } last && now - last < _options.CommentInterval)
        {
            metrics.Count("comment", "held");
            var held = $"changed, but {record.Repository}#{record.Issue} was commented on at {last:u} (CommentInterval {_options.CommentInterval})";
            BridgeLog.Ignored(logger, alert.Name, alert.Fingerprint, held);
            return;
        }

        if (!await github.IsOpenAsync(record.Repository, record.Issue, cancellationToken).ConfigureAwait(false))
        {
            store.Put(record with { Open = false, ManualClose = true });
            metrics.Count("close", "manual");
            BridgeLog.Acted(logger, "Left alone", record.Repository, record.Issue, alert.Name, alert.Fingerprint, "closed by a person while firing");
            return;
        }

        var key = $"update-{alert.StartsAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}-{Hash(facts.Key)}";
        try
        {
            await CommentOnceAsync(record.Repository, record.Issue, key, IssueText.Update(AlertFacts.FromKey(record.Facts), facts, key), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            metrics.Count("comment", "failed");
            throw;
        }

        store.Put(record with { Facts = facts.Key, LastComment = now, AppliedAt = alert.StartsAt > record.AppliedAt ? alert.StartsAt : record.AppliedAt });
        metrics.Count("comment", "ok");
        BridgeLog.Acted(logger, "Commented on", record.Repository, record.Issue, alert.Name, alert.Fingerprint, "material change");
    }

    private async Task ResolveAsync(BridgeAlert alert, AlertRecord? record, CancellationToken cancellationToken)
    {
        if (record is null)
        {
            Ignore(alert, "unknown", "resolved, but the bridge never filed an issue for it");
            return;
        }

        if (!record.Open)
        {
            Ignore(alert, "repeat", $"{record.Repository}#{record.Issue} is already closed");
            return;
        }

        var endsAt = alert.EndsAt!.Value;
        var key = $"resolved-{record.StartsAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        await CloseAsync(record, key, IssueText.Resolved(record.StartsAt, endsAt, key), endsAt, "close", cancellationToken).ConfigureAwait(false);

        // From P1 straight to green: the P2 it escalated from never hears of its own resolution (inhibition mutes it).
        if (record.Priority == "P1" && store.OpenP2(record.Repository, record.AlertRepo, record.AlertBranch) is { } p2)
        {
            // With an Alertmanager to ask, only when it no longer holds the P2 (the trunk may have gone from P1 back
            // to P2); when it cannot be asked now, the reconciler decides later. Without one, the P1's resolution decides.
            var active = alertmanager.IsConfigured ? await alertmanager.ActiveFingerprintsAsync(cancellationToken).ConfigureAwait(false) : null;
            if (!alertmanager.IsConfigured || (active is not null && !active.Contains(p2.Fingerprint)))
            {
                await CloseUnseenAsync(p2, $"its P1 #{record.Issue.ToString(CultureInfo.InvariantCulture)} resolved, and {(active is null ? "the P2's own resolution is muted by inhibition" : "Alertmanager no longer holds this P2 alert (its resolution was muted by inhibition)")}", cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    private async Task CloseUnseenAsync(AlertRecord record, string why, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = $"resolved-{record.StartsAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        await CloseAsync(record, key, IssueText.ResolvedUnseen(record.StartsAt, now, why, key), now, "reconcile", cancellationToken).ConfigureAwait(false);
    }

    private async Task CloseAsync(AlertRecord record, string key, string comment, DateTimeOffset endsAt, string action, CancellationToken cancellationToken)
    {
        try
        {
            // Not yet attempted: a closed issue was closed by a person, and stays as they left it.
            if (store.CommentSent(record.Repository, record.Issue, key) is null
                && !await github.IsOpenAsync(record.Repository, record.Issue, cancellationToken).ConfigureAwait(false))
            {
                store.Put(record with { Open = false, ManualClose = true, EndsAt = endsAt, AppliedAt = endsAt });
                metrics.Count("close", "manual");
                BridgeLog.Acted(logger, "Left alone", record.Repository, record.Issue, record.Priority, record.Fingerprint, "resolved, but a person had closed it");
                return;
            }

            await CommentOnceAsync(record.Repository, record.Issue, key, comment, cancellationToken).ConfigureAwait(false);
            await github.CloseAsync(record.Repository, record.Issue, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            metrics.Count(action, "failed");
            throw;
        }

        store.Put(record with { Open = false, EndsAt = endsAt, AppliedAt = endsAt, MissingSince = null });
        metrics.Count(action, "ok");
        var lasted = $"firing for {IssueText.Duration(endsAt - record.StartsAt)}";
        BridgeLog.Acted(logger, "Closed", record.Repository, record.Issue, record.Priority, record.Fingerprint, lasted);
    }

    /// <summary>Posts a comment once: after a failure that may have come after GitHub took it, looks for its marker first.</summary>
    private async Task CommentOnceAsync(string repository, int issue, string key, string body, CancellationToken cancellationToken)
    {
        var sent = store.CommentSent(repository, issue, key);
        if (sent == true)
        {
            return;
        }

        if (sent == false && await github.HasCommentAsync(repository, issue, IssueText.CommentMarker(key), cancellationToken).ConfigureAwait(false))
        {
            store.MarkComment(repository, issue, key, sent: true);
            return;
        }

        store.MarkComment(repository, issue, key, sent: false);
        await github.CommentAsync(repository, issue, body, cancellationToken).ConfigureAwait(false);
        store.MarkComment(repository, issue, key, sent: true);
    }

    private void Ignore(BridgeAlert alert, string result, string reason)
    {
        metrics.Count("ignore", result);
        BridgeLog.Ignored(logger, alert.Name, alert.Fingerprint, reason);
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
}
