// Alertmanager: the pack's routes, inhibitions and templates, written twice from this one source:
// - alertmanager/snippet.yml: the pieces a team merges into its existing configuration, with
//   example receivers (a pager, a chat, the issue bridge);
// - alertmanager/alertmanager.yml: a complete configuration for the demo and the tests, whose
//   receivers post to a notification sink (_config.notificationSinkUrl).
//
// Routing: by team first, then by priority inside a team:
//   team="dev-infra", priority="P1"  -> dev-infra-page    (wake someone up)
//   team="dev-infra", priority="P2"  -> dev-infra-ticket  (work hours)
//   team="dev-infra", anything else  -> dev-infra
//   no known team -> the root route's receiver (default)
// To add a team, copy the dev-infra route and its three receivers and change the name; the team of
// a repository comes from the exporter's configuration (TrunkExporter:Repositories:N:Team), which
// it publishes as trunk_repo_info{team=...} and the alert rules join onto every alert.
{
  alertmanager+:: {
    local c = $._config,
    local am = self,

    // The notification templates (templates/trunk.tmpl): "trunk.title" and "trunk.text".
    templates: ['templates/*.tmpl'],

    teamRoutes: [
      {
        matchers: ['team="dev-infra"'],
        receiver: 'dev-infra',
        routes: [
          { matchers: ['priority="P1"'], receiver: 'dev-infra-page', repeat_interval: '1h' },
          { matchers: ['priority="P2"'], receiver: 'dev-infra-ticket', repeat_interval: '12h' },
        ],
      },
    ],

    inhibitRules: [
      // A badly broken trunk is also broken: while P1 fires for a repo and branch, hold back its P2.
      {
        source_matchers: ['alertname="TrunkBadlyBroken"'],
        target_matchers: ['alertname="TrunkBroken"'],
        equal: ['repo', 'branch'],
      },
    ],

    local rendered = {
      title: '{{ template "trunk.title" . }}',
      text: '{{ template "trunk.text" . }}',
    },

    // The complete configuration: every receiver posts to the sink twice, Alertmanager's raw JSON
    // payload (webhook, to /alerts/<receiver>) and the message rendered by the templates (Slack's
    // format, to /messages/<receiver>: webhook receivers carry no rendered text).
    local sinkReceiver(name) = {
      name: name,
      webhook_configs: [{ url: '%s/alerts/%s' % [c.notificationSinkUrl, name], send_resolved: true }],
      slack_configs: [rendered { api_url: '%s/messages/%s' % [c.notificationSinkUrl, name], send_resolved: true }],
    },

    config: {
      global: { resolve_timeout: '5m' },
      templates: am.templates,
      route: {
        receiver: 'default',
        group_by: ['alertname', 'repo', 'branch'],
        group_wait: '30s',
        group_interval: '5m',
        repeat_interval: '4h',
        routes: am.teamRoutes,
      },
      inhibit_rules: am.inhibitRules,
      receivers: [sinkReceiver(name) for name in ['default', 'dev-infra', 'dev-infra-page', 'dev-infra-ticket']],
    },

    // The snippet: the team routes (grouped as the pack expects, whatever the root route groups by),
    // the inhibition, the templates, and example receivers with secrets read from files.
    snippet: {
      templates: am.templates,
      route: {
        routes: [route { group_by: ['alertname', 'repo', 'branch'] } for route in am.teamRoutes],
      },
      inhibit_rules: am.inhibitRules,
      receivers: [
        {
          name: 'dev-infra-page',
          pagerduty_configs: [{
            routing_key_file: '/etc/alertmanager/secrets/pagerduty-dev-infra',
            description: rendered.title,
            send_resolved: true,
          }],
        },
        {
          name: 'dev-infra-ticket',
          slack_configs: [rendered { api_url_file: '/etc/alertmanager/secrets/slack-webhook-url', channel: '#dev-infra-alerts', send_resolved: true }],
        },
        {
          name: 'dev-infra',
          slack_configs: [rendered { api_url_file: '/etc/alertmanager/secrets/slack-webhook-url', channel: '#dev-infra', send_resolved: true }],
        },
      ],
    },
  },
}
