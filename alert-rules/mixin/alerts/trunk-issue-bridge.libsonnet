// The issue bridge (`trunk-exporter issue-bridge`, README "GitHub issues from alerts"): Alertmanager's
// github-issues receiver posts every P1/P2 notification to it and it files, comments on and closes one
// GitHub issue per alert. Its own meta alert goes to the root receiver, never to the bridge.
local text = import '../lib/text.libsonnet';

{
  prometheusAlerts+:: {
    local c = $._config,
    local up = text.select('up', c.issueBridgeSelector),

    groups+: [
      {
        name: 'trunk-issue-bridge',
        rules: [
          // Failing to deliver: notifications answered 5xx (GitHub down, rate limited, refusing the
          // credential, the state database failing) and none applied, for issueBridgeFailingFor; or
          // the bridge not scraped at all. Alertmanager keeps retrying, so no alert is lost yet, but
          // issues are neither filed nor closed meanwhile.
          {
            alert: 'TrunkIssueBridgeFailing',
            expr: |||
              (
                  sum by (job, instance) (increase(trunk_issue_bridge_actions_total{action="webhook",result="failed"}[%(window)s])) > 0
                unless on (job, instance)
                  sum by (job, instance) (increase(trunk_issue_bridge_actions_total{action="webhook",result="ok"}[%(window)s])) > 0
              )
              or on (job, instance)
                %(up)s == 0
            ||| % { window: c.issueBridgeFailingFor, up: up },
            'for': c.issueBridgeFailingFor,
            labels: { priority: 'P2', severity: 'warning' },
            annotations: {
              summary: 'The trunk issue bridge {{ $labels.instance }} is failing to deliver',
              description: text.folded(|||
                The issue bridge {{ $labels.instance }} (job {{ $labels.job }}) has applied no Alertmanager notification
                for %(window)s: its webhook answered 5xx, or Prometheus cannot scrape it. Alertmanager retries, so
                nothing is lost yet, but the GitHub issues of the P1 and P2 trunk alerts are neither filed, updated nor
                closed until it delivers again. The reason is one line per alert in the bridge's log
                ("Could not apply ...").
              ||| % { window: text.words(c.issueBridgeFailingFor) }),
              runbook_url: c.runbookBaseUrl + '/TrunkIssueBridgeFailing.md',
              dashboard_url: c.grafanaBaseUrl + '/d/trunk-exporter/trunk-exporter',
            },
          },
        ],
      },
    ],
  },
}
