// The generated dashboards, by path from the repository root, for `jsonnet -m` (without -S: jsonnet's
// own JSON writer, much faster than std.manifestJsonEx), with the same `config` as render.jsonnet.
function(config={})
  local mixin = (import 'mixin.libsonnet') + { _config+:: config };
  {
    ['grafana-dashboards/' + name]: mixin.grafanaDashboards[name]
    for name in std.objectFields(mixin.grafanaDashboards)
  }
