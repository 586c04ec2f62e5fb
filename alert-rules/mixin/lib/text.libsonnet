// Text helpers for the rule pack.
{
  // A `>-` block of the hand-written files: its lines joined with one space.
  folded(text):: std.join(' ', std.split(std.rstripChars(text, '\n'), '\n')),

  // A `|-` block: the text without its final newline.
  literal(text):: std.rstripChars(text, '\n'),

  // A Prometheus duration of seconds in its largest whole unit: 900 -> '15m'.
  duration(seconds)::
    if seconds % 86400 == 0 then '%dd' % (seconds / 86400)
    else if seconds % 3600 == 0 then '%dh' % (seconds / 3600)
    else if seconds % 60 == 0 then '%dm' % (seconds / 60)
    else '%ds' % seconds,

  // A one-unit Prometheus duration in words, as the alert texts say it: '5m' -> '5 minutes', '6h' -> '6 h'.
  words(duration)::
    local unit = duration[std.length(duration) - 1];
    local count = duration[:std.length(duration) - 1];
    local names = { s: ' seconds', m: ' minutes', h: ' h', d: ' days' };
    assert std.objectHas(names, unit) && std.length(std.findSubstr('.', count)) == 0 : 'not a one-unit duration: ' + duration;
    count + (if count == '1' then std.rstripChars(names[unit], 's') else names[unit]),

  // A selector of the exporter's series: metric{<trunkExporterSelector>}.
  select(metric, selector)::
    assert selector != '' : '_config.trunkExporterSelector must not be empty';
    metric + '{' + selector + '}',
}
