// Meta alerts: without a healthy exporter the trunk alerts cannot fire, so say so.
// Only `up` needs the exporter's selector (trunk_repo_info too, where it stands beside `up`):
// every trunk_* series is the exporter's own name.
local text = import '../lib/text.libsonnet';

{
  prometheusAlerts+:: {
    local c = $._config,
    local up = text.select('up', c.trunkExporterSelector),
    local repoInfo = text.select('trunk_repo_info', c.trunkExporterSelector),
    local downFor = text.words(c.exporterDownFor),
    local held = text.words(c.noReportHold),
    local exporterDashboard = c.grafanaBaseUrl + '/d/trunk-exporter/trunk-exporter',

    groups+: [
      {
        name: 'trunk-exporter',
        rules: [
          // THRESHOLDS, read below in this group (recorded first: see trunk-health.libsonnet).
          { record: 'trunk_alert_threshold:exporter_stale_seconds', expr: 'vector(%d)' % c.exporterStaleSeconds },
          { record: 'trunk_alert_threshold:github_rate_limit_remaining_ratio', expr: 'vector(%g)' % c.githubRateLimitRemainingRatio },

          // Down and Absent carry the `team` of every repository the exporter reported within
          // teamMemory (trunk_repo_info, remembered with last_over_time while the exporter is away),
          // one alert per exporter and team, so each owning team hears that its trunk alerts are
          // blind (and held: trunk-health.libsonnet). An exporter that never reported a repository
          // within teamMemory falls back to the alert without `team` (the default receiver).
          {
            alert: 'TrunkExporterDown',
            expr: |||
              (
                  group by (job, instance, team) (last_over_time(%(repoInfo)s[%(memory)s]))
                and on (job, instance)
                  %(up)s == 0
              )
              or on (job, instance)
                %(up)s == 0
            ||| % { repoInfo: repoInfo, memory: c.teamMemory, up: up },
            'for': c.exporterDownFor,
            labels: { priority: 'P2', severity: 'warning' },
            annotations: {
              summary: 'Trunk exporter {{ $labels.instance }} is down',
              description: text.folded(|||
                Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for %(downFor)s.
                No new trunk data arrives for the repositories it watches{{ with $labels.team }} for team {{ . }}{{ end }}:
                their trunk alerts keep their last state (a firing one stays firing, held up to %(held)s) and no new one can fire until it is back.
              ||| % { downFor: downFor, held: held }),
              runbook_url: c.runbookBaseUrl + '/TrunkExporterDown.md',
              dashboard_url: exporterDashboard,
            },
          },

          // "All are gone": an exporter that is not scraped successfully (down, or its target vanished
          // from Prometheus) while no other exporter reports its repositories; or, with nothing
          // remembered, no target at all. With replicas (two exporters with the same configuration),
          // one replica down fires TrunkExporterDown for it alone and no Absent, since the other still
          // reports every repository; both down fire Absent, once per exporter and team. With a single
          // exporter, down fires both: Down (restart it) and Absent (the team's trunk is blind).
          {
            alert: 'TrunkExporterAbsent',
            expr: |||
              group by (job, instance, team) (
                  last_over_time(%(repoInfo)s[%(memory)s])
                unless on (job, instance)
                  %(up)s == 1
                unless on (repo, branch)
                  %(repoInfo)s
              )
              or on ()
                absent(%(up)s)
            ||| % { repoInfo: repoInfo, memory: c.teamMemory, up: up },
            'for': c.exporterDownFor,
            labels: { priority: 'P2', severity: 'warning' },
            annotations: {
              summary: '{{ if $labels.team }}No trunk exporter reports the repositories of team {{ $labels.team }}{{ else }}No trunk exporter is being scraped{{ with $labels.instance }} at {{ . }}{{ end }}{{ end }}',
              description: text.folded(|||
                {{ with $labels.instance }}The exporter {{ . }} has not been scraped successfully (down, or gone from Prometheus' targets) for %(downFor)s,
                and no other exporter reports the repositories{{ with $labels.team }} of team {{ . }}{{ end }} it watched.{{ else }}Prometheus has had no scrape target with %(selector)s for %(downFor)s.{{ end }}
                No new trunk data arrives: trunk alerts keep their last state (held up to %(held)s) and no new one can fire.
                Check {{ if $labels.instance }}the exporter, then {{ end }}Prometheus' scrape configuration and service discovery.
              ||| % { downFor: downFor, held: held, selector: c.trunkExporterSelector }),
              runbook_url: c.runbookBaseUrl + '/TrunkExporterAbsent.md',
              dashboard_url: exporterDashboard,
            },
          },

          {
            alert: 'TrunkExporterStale',
            expr: |||
              (
                time() - trunk_exporter_last_success_timestamp_seconds
                  > scalar(trunk_alert_threshold:exporter_stale_seconds)
              )
              * on (repo, branch) group_left (team) group by (repo, branch, team) (trunk_repo_info)
            |||,
            labels: { priority: 'P2', severity: 'warning' },
            annotations: {
              summary: 'Trunk data for {{ $labels.repo }} {{ $labels.branch }} is stale',
              description: text.folded(|||
                The exporter {{ $labels.instance }} last refreshed {{ $labels.repo }} (branch {{ $labels.branch }})
                successfully {{ $value | humanizeDuration }} ago, longer than the allowed
                {{ with query "trunk_alert_threshold:exporter_stale_seconds" }}{{ . | first | value | humanizeDuration }}{{ end }}.
                Its trunk metrics and alerts describe the past.
              |||),
              runbook_url: c.runbookBaseUrl + '/TrunkExporterStale.md',
              dashboard_url: exporterDashboard + '?var-repo={{ $labels.repo | urlquery }}',
            },
          },

          // TrunkExporterStale measures age from the last success, so it cannot see a repository that
          // never had one (a bad token from the start, a wrong repository or branch, a missing replay
          // file). The exporter publishes trunk_repo_info for every configured repository from the
          // moment it starts, so "reported but never refreshed" is visible; how long it has been so
          // only Prometheus can count, with `for`: a range duration cannot come from a series, and the
          // exporter publishes no start time to subtract. The `for` is therefore exporterStaleSeconds
          // written as a duration (it means what the stale threshold means: no successful refresh for
          // that long), and the description quotes the threshold. It also covers an exporter restarted
          // while its refreshes fail: its last-success series is gone, so Stale resolves and this one
          // takes over. `team` comes with trunk_repo_info itself; `ignoring (team)` keeps job,
          // instance, repo and branch in the match, so neither repositories, branches nor exporters mix.
          {
            alert: 'TrunkExporterNeverRefreshed',
            expr: 'trunk_repo_info unless ignoring (team) trunk_exporter_last_success_timestamp_seconds',
            'for': text.duration(c.exporterStaleSeconds),
            labels: { priority: 'P2', severity: 'warning' },
            annotations: {
              summary: 'Trunk data for {{ $labels.repo }} {{ $labels.branch }} has never been refreshed',
              description: text.folded(|||
                The exporter {{ $labels.instance }} watches {{ $labels.repo }} (branch {{ $labels.branch }}) but has not
                refreshed it successfully once since it started, at least
                {{ with query "trunk_alert_threshold:exporter_stale_seconds" }}{{ . | first | value | humanizeDuration }}{{ end }}
                ago, so it has no trunk metrics and its trunk alerts cannot fire.
                The reason is one line on http://{{ $labels.instance }}/readyz and in the exporter's log
                ("Refresh of {{ $labels.repo }} branch {{ $labels.branch }} failed").
              |||),
              runbook_url: c.runbookBaseUrl + '/TrunkExporterNeverRefreshed.md',
              dashboard_url: exporterDashboard + '?var-repo={{ $labels.repo | urlquery }}',
            },
          },

          // One alert per exporter and team: the rate limit is the exporter's token's, shared by every
          // repository it watches, so every team it watches for is affected. ($value: the lowest fraction
          // left over the resources; `resource` cannot stay a label, since one exporter may watch for
          // several teams and PromQL cannot match many resources to many teams.)
          {
            alert: 'TrunkExporterGitHubRateLimitLow',
            expr: |||
              group by (job, instance, team) (trunk_repo_info)
              * on (job, instance) group_left ()
              (
                min by (job, instance) (trunk_exporter_github_rate_limit_remaining / trunk_exporter_github_rate_limit_limit)
                  < scalar(trunk_alert_threshold:github_rate_limit_remaining_ratio)
              )
            |||,
            labels: { priority: 'P3', severity: 'info' },
            annotations: {
              summary: 'GitHub rate limit of the trunk exporter is nearly exhausted',
              description: text.folded(|||
                The exporter {{ $labels.instance }} has {{ $value | humanizePercentage }} of its GitHub rate limit left, less than
                {{ with query "trunk_alert_threshold:github_rate_limit_remaining_ratio" }}{{ . | first | value | humanizePercentage }}{{ end }}
                ({{ range printf "trunk_exporter_github_rate_limit_remaining{instance=%q} / trunk_exporter_github_rate_limit_limit{instance=%q} < scalar(trunk_alert_threshold:github_rate_limit_remaining_ratio)" $labels.instance $labels.instance | query }}resource {{ .Labels.resource }}
                resets at {{ with printf "trunk_exporter_github_rate_limit_reset_timestamp_seconds{instance=%q,resource=%q}" .Labels.instance .Labels.resource | query }}{{ . | first | value | humanizeTimestamp }}{{ end }}; {{ end }}it watches for team {{ $labels.team }}).
                When it runs out, refreshes fail and the trunk data goes stale.
              |||),
              runbook_url: c.runbookBaseUrl + '/TrunkExporterGitHubRateLimitLow.md',
              dashboard_url: exporterDashboard,
            },
          },
        ],
      },
    ],
  },
}
