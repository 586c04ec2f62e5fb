// A small, deterministic YAML writer for the generated files (std.manifestYamlDoc writes every
// string without a final newline as one JSON-escaped line, which makes the Go templates unreadable).
// - keys in the order given by `order` (the keys it names first, the others sorted after them);
// - block sequences indented under their key, as the hand-written files were;
// - strings with newlines as literal blocks (|, |- or |+), long one-line prose as folded blocks
//   (>-, wrapped at word boundaries: folding joins the lines with one space, so the value is unchanged),
//   plain when nothing in them can mean anything else to YAML, single-quoted otherwise;
// - short lists of one-line strings in flow style, [a, b].
local width = 100;

local sp(n) = std.repeat(' ', n);

// std.findSubstr is written in jsonnet and slow on the long templates; std.strReplace is not.
local contains(s, part) = std.strReplace(s, part, '') != s;

local charSetOf(names) = { [n]: true for n in names };

local keys(o, order) =
  local named = charSetOf(order);
  [k for k in order if std.objectHas(o, k)]
  + std.sort([k for k in std.objectFields(o) if !std.objectHas(named, k)]);

local lower(s) = std.asciiLower(s);

// Character sets as objects: std.member on a string runs std.findSubstr, which is slow in jsonnet 0.18.
local charSet(chars) = { [c]: true for c in std.stringChars(chars) };
local numericChars = charSet('0123456789.+-eE:_');
local indicators = charSet('-?:,[]{}#&*!|>\'"%@` \t');
local flowIndicators = charSet(',[]{}"');

// Could YAML read it as a number (or a sexagesimal)? Only a first digit, sign or dot can start one.
local numeric(s) =
  std.objectHas(charSet('0123456789.+-'), s[0])
  && std.length([c for c in std.stringChars(s) if !std.objectHas(numericChars, c)]) == 0;

local plain(s) =
  s != ''
  && !std.objectHas(indicators, s[0])
  && s[std.length(s) - 1] != ' '
  && !contains(s, ': ')
  && !contains(s, ' #')
  && !contains(s, '\t')
  && !std.member(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~'], lower(s))
  && !numeric(s);

local quoted(s) = "'" + std.strReplace(s, "'", "''") + "'";

// Folded (>-) is exact only for text without newlines, runs of spaces, or spaces at either end.
// A URL stays on one line, whatever its length: folding one would split it where its templates have spaces.
local foldable(s) =
  std.length(s) > width
  && !contains(std.split(s, ' ')[0], '://')
  && !contains(s, '  ')
  && s[0] != ' ' && s[std.length(s) - 1] != ' '
  && !contains(s, '\t');

local wrap(s) =
  std.foldl(
    function(lines, word)
      local last = lines[std.length(lines) - 1];
      if last == '' then lines[:std.length(lines) - 1] + [word]
      else if std.length(last) + 1 + std.length(word) > width then lines + [word]
      else lines[:std.length(lines) - 1] + [last + ' ' + word],
    std.split(s, ' '),
    ['']
  );

local block(indicator, lines, column) =
  assert std.length(lines) == 0 || lines[0] == '' || lines[0][0] != ' ' : 'a block scalar cannot start with a space';
  indicator + '\n' + std.join('\n', [if line == '' then '' else sp(column) + line for line in lines]);

// The value of a scalar, written after "key: " or "- "; a block's lines sit at `column`.
local scalar(v, column) =
  if v == null then 'null'
  else if std.isBoolean(v) then (if v then 'true' else 'false')
  else if std.isNumber(v) then (if v == std.floor(v) then '%d' % v else '%g' % v)
  else if std.isString(v) then
    if contains(v, '\n') then
      local stripped = std.rstripChars(v, '\n');
      local trailing = std.length(v) - std.length(stripped);
      block(if trailing == 0 then '|-' else if trailing == 1 then '|' else '|+', std.split(stripped, '\n') + std.makeArray(std.max(0, trailing - 1), function(_) ''), column)
    else if foldable(v) then block('>-', wrap(v), column)
    else if plain(v) then v
    else quoted(v)
  else if std.isArray(v) then '[]'
  else if std.isObject(v) then '{}'
  else error 'cannot write %s as YAML' % std.type(v);

local nonEmpty(v) = (std.isArray(v) || std.isObject(v)) && std.length(v) > 0;

// Short lists of strings (group_by, matchers) on one line: [a, 'b="c"'].
local flow(a) =
  std.isArray(a) && std.length(a) > 0
  && std.length([x for x in a if !std.isString(x) || contains(x, '\n')]) == 0
  && std.length(std.join(', ', a)) <= 60;

local flowItem(s) =
  if plain(s) && std.length([c for c in std.stringChars(s) if std.objectHas(flowIndicators, c)]) == 0 then s else quoted(s);

{
  // The document `value` (an object) as YAML text ending in a newline.
  manifest(value, order=[])::
    local fields(o, column) =
      std.join('\n' + sp(column), [k + ':' + after(o[k], column) for k in keys(o, order)]),
    after(v, column) =
      if std.isObject(v) && nonEmpty(v) then '\n' + sp(column + 2) + fields(v, column + 2)
      else if flow(v) then ' [' + std.join(', ', [flowItem(x) for x in v]) + ']'
      else if std.isArray(v) && nonEmpty(v) then '\n' + sp(column + 2) + items(v, column + 2)
      else ' ' + scalar(v, column + 2),
    items(a, column) =
      std.join('\n' + sp(column), ['-' + item(x, column) for x in a]),
    item(x, column) =
      if std.isObject(x) && nonEmpty(x) then ' ' + fields(x, column + 2)
      else if std.isArray(x) && nonEmpty(x) then ' ' + items(x, column + 2)
      else ' ' + scalar(x, column + 2);
    fields(value, 0) + '\n',
}
