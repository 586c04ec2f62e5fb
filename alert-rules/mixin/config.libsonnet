// Everything a deployment sets, in one place (alert-rules/README.md, "Configuring the mixin").
// Override with `(import 'mixin.libsonnet') + { _config+:: { ... } }`.
{
  _config+:: {
    // The exporter's series as Prometheus scrapes them: a PromQL label matcher, without braces.
    // Every selector of the pack (the meta alerts, the exporter dashboard) is this one; nothing
    // depends on the scrape job's name beyond this default. Must not be empty.
    trunkExporterSelector: 'job="trunk-exporter"',

    // The issue bridge's series (`trunk-exporter issue-bridge`), for TrunkIssueBridgeFailing's `up`.
    issueBridgeSelector: 'job="trunk-issue-bridge"',

    // Thresholds: recorded as trunk_alert_threshold:* series, which the alerts, their texts and
    // the dashboards read (alert-rules/README.md, "Thresholds").
    failureStreakCommits: 3,  // a job counts towards N after failing this many commits in a row
    lastFailureMaxAgeSeconds: 86400,  // ... with its newest failure younger than this (24 h)
    badlyBrokenJobs: 5,  // above this N, P1 (TrunkBadlyBroken); at or below, P2 (TrunkBroken)
    exporterStaleSeconds: 900,  // TrunkExporterStale, and the wait of TrunkExporterNeverRefreshed
    githubRateLimitRemainingRatio: 0.1,  // TrunkExporterGitHubRateLimitLow below this fraction left

    // Durations: PromQL ranges and `for`, which cannot come from a series.
    noReportHold: '6h',  // N is held this long while no exporter reports the trunk
    badlyBrokenHysteresis: '5m',  // P1 stays P1 until N was at most badlyBrokenJobs this long
    teamMemory: '1d',  // a trunk's team (and an exporter's teams) remembered this long
    exporterDownFor: '5m',  // `for` of TrunkExporterDown and TrunkExporterAbsent
    issueBridgeFailingFor: '15m',  // TrunkIssueBridgeFailing: no delivery applied for this long (range and `for`)

    // Base URLs that the alerts and dashboards link to. The defaults are deliberately unreachable
    // (.invalid is reserved, RFC 2606): a deployment that forgets one ships links that are plainly
    // unset, never a silent loopback address.
    runbookBaseUrl: 'https://runbooks.example.invalid/alert-rules/runbooks',  // <base>/<AlertName>.md
    grafanaBaseUrl: 'https://grafana.example.invalid',  // <base>/d/trunk-health/...
    hudBaseUrl: 'https://trunk-exporter.example.invalid',  // the exporter: <base>/hud/<repo>/<branch>

    // Only the complete alertmanager.yml (the demo's and the tests'): where its receivers post.
    notificationSinkUrl: 'https://notification-sink.example.invalid',
  },
}
