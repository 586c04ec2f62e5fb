// The two dashboards are kept as the JSON that Grafana exports (edit them in Grafana, export, and
// paste the JSON over dashboards/*.json); the mixin patches in what a deployment configures:
// - every `job="trunk-exporter"` of a query becomes _config.trunkExporterSelector;
// - the hidden constant variable `runbook_base` (the trunk dashboard's runbook links) becomes
//   _config.runbookBaseUrl, so the dashboard and the alerts' runbook_url move together.
local text = import '../lib/text.libsonnet';
local sourceSelector = 'job="trunk-exporter"';

local replaceStrings(value, from, to) =
  if std.isString(value) then std.strReplace(value, from, to)
  else if std.isArray(value) then [replaceStrings(v, from, to) for v in value]
  else if std.isObject(value) then { [k]: replaceStrings(value[k], from, to) for k in std.objectFields(value) }
  else value;

local withRunbookBase(dashboard, base) = dashboard {
  templating+: {
    list: [
      if variable.name == 'runbook_base'
      then variable { query: base, current+: { text: base, value: base } }
      else variable
      for variable in super.list
    ],
  },
};

{
  grafanaDashboards+:: {
    local c = $._config,
    local patched(dashboard) =
      assert c.trunkExporterSelector != '' : '_config.trunkExporterSelector must not be empty';
      replaceStrings(dashboard, sourceSelector, c.trunkExporterSelector),

    'trunk-health.json': withRunbookBase(patched(import 'trunk-health.json'), c.runbookBaseUrl),
    'trunk-exporter.json': patched(import 'trunk-exporter.json'),
  },
}
