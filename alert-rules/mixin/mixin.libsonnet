// The TrunkExporter monitoring mixin (the kubernetes-mixin / node-mixin convention):
//   _config             what a deployment sets (config.libsonnet)
//   prometheusAlerts    the rule groups trunk-health, trunk-exporter and trunk-issue-bridge
//   prometheusRules     empty: each group's recording rules (its thresholds and N) stay in the group
//                       with the alerts that read them, since rules of one group run in order at one
//                       evaluation time (a separate group could be evaluated at another instant)
//   grafanaDashboards   trunk-health.json and trunk-exporter.json
//   alertmanager        routes, inhibitions and receivers: `snippet` to merge, `config` complete
//
// Use it as it is, or with your settings:
//   (import 'mixin.libsonnet') + { _config+:: { grafanaBaseUrl: 'https://grafana.example.org' } }
// `make rules` writes the repository's alert-rules/ and grafana-dashboards/ files with the defaults
// (render.jsonnet).
(import 'config.libsonnet')
+ (import 'alerts/trunk-health.libsonnet')
+ (import 'alerts/trunk-exporter.libsonnet')
+ (import 'alerts/trunk-issue-bridge.libsonnet')
+ (import 'dashboards/dashboards.libsonnet')
+ (import 'alertmanager/alertmanager.libsonnet')
+ {
  prometheusAlerts+:: { groups+: [] },
  prometheusRules+:: { groups+: [] },
}
