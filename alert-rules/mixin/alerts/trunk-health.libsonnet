// Trunk health alerts (docs: contract section 8): PyTorch's "HUD is broken" pair.
//
// N = logical jobs of a repo and branch in an ongoing failure streak of at least
//     failureStreakCommits commits whose newest failure is younger than lastFailureMaxAgeSeconds;
// TrunkBroken (P2) fires for 1 <= N <= badlyBrokenJobs, TrunkBadlyBroken (P1) for N > badlyBrokenJobs.
//
// Two refinements (alert-rules/README.md, "When the exporter is away" and "P1/P2 hysteresis"):
// - no resolution without evidence: the alerts read N as last reported by an exporter that has
//   refreshed the trunk successfully, held for up to noReportHold while no exporter reports it
//   (down, restarted into a cold start, scrape failures), so missing data never resolves them;
// - hysteresis: once N was above badlyBrokenJobs within badlyBrokenHysteresis, N >= 1 stays P1.
//
// The trunk_* series are the exporter's own names, so these rules need no job selector.
local text = import '../lib/text.libsonnet';

{
  prometheusAlerts+:: {
    local c = $._config,
    local hysteresis = text.words(c.badlyBrokenHysteresis),
    local heldNote = |||
      {{ if not (printf "repo_branch:trunk_broken_jobs:reported{repo=%q,branch=%q}" $labels.repo $labels.branch | query) }}
      No exporter reports this trunk now: N is its last reported value, held until an exporter reports it again (see TrunkExporterDown).{{ end }}
    |||,
    local dashboard = c.grafanaBaseUrl + '/d/trunk-health/trunk-health?var-repo={{ $labels.repo | urlquery }}&var-branch={{ $labels.branch | urlquery }}',
    local hud = c.hudBaseUrl + '/hud/{{ $labels.repo }}/{{ $labels.branch }}',
    local streak = |||
      The trunk of {{ $labels.repo }} (branch {{ $labels.branch }}) has been broken for an extended period:
      N = {{ $value }} logical job(s) failed on at least
      {{ with query "trunk_alert_threshold:failure_streak_commits" }}{{ . | first | value }}{{ end }} commits in a row,
      the newest failure less than
      {{ with query "trunk_alert_threshold:last_failure_age_seconds / 3600" }}{{ . | first | value }}{{ end }} h ago.
    |||,

    // The jobs that count towards N, longest streak first and equal streaks by job name, at most 10,
    // each with its streak, failing-since time, culprit (short sha, PR), culprit range and newest
    // failing log, read from the exporter's series; both alerts share this text.
    // `max by` lists a job once however many exporter replicas report it.
    // PromQL sorts by value only and leaves ties in any order, so the template walks the distinct
    // streaks (longest first) and sorts each one's jobs by name; topk's size is how many of them
    // still fit under 10 (templates have no arithmetic).
    local jobs = text.literal(|||
      {{- $select := printf "{repo=%q,branch=%q}" $labels.repo $labels.branch -}}
      {{- $counted := printf "max by (repo, branch, workflow, job_name) (trunk_job_failure_streak%s >= scalar(trunk_alert_threshold:failure_streak_commits) and on (repo, branch, workflow, job_name) time() - trunk_job_last_failure_timestamp_seconds%s < scalar(trunk_alert_threshold:last_failure_age_seconds))" $select $select -}}
      {{- $jobs := query (printf "sort_desc(%s)" $counted) -}}
      {{- $streak := -1.0 }}{{ $first := true -}}
      {{- range $jobs }}{{ if ne .Value $streak }}{{ $streak = .Value -}}
      {{- $fit := len (query (printf "topk(scalar(10 - (count(%s > %v) or vector(0))), %s == %v)" $counted $streak $counted $streak)) -}}
      {{- range $i, $job := sortByLabel "job_name" (query (printf "%s == %v" $counted $streak)) }}{{ if lt $i $fit }}{{ if not $first }}
      {{ end }}{{ $first = false -}}
      {{- $one := printf "{repo=%q,branch=%q,workflow=%q,job_name=%q}" $job.Labels.repo $job.Labels.branch $job.Labels.workflow $job.Labels.job_name -}}
      - {{ $job.Labels.workflow }} / {{ $job.Labels.job_name }}: streak {{ $job.Value }}
      {{- with query (printf "trunk_job_failing_since_timestamp_seconds%s" $one) }}, failing since {{ . | first | value | humanizeTimestamp }}{{ end }}
      {{- with query (printf "trunk_job_culprit_range_commits%s" $one) }}{{ with . | first }}, culprit {{ reReplaceAll "^(.{12}).*$" "$1" .Labels.sha }}{{ with .Labels.pr }} (#{{ . }}){{ end }}
      {{- if .Labels.last_green_sha }}, range {{ reReplaceAll "^(.{12}).*$" "$1" .Labels.last_green_sha }}..{{ reReplaceAll "^(.{12}).*$" "$1" .Labels.sha }} ({{ .Value }} commit{{ if ne .Value 1.0 }}s{{ end }})
      {{- else }}, range ?..{{ reReplaceAll "^(.{12}).*$" "$1" .Labels.sha }} ({{ .Value }}+ commits, no pass in the window){{ end }}{{ end }}{{ end }}
      {{- with query (printf "trunk_job_log_info%s" $one) }}, log {{ (. | first).Labels.url }}{{ end }}
      {{- end }}{{ end }}{{ end }}{{ end }}
      {{- if gt (len $jobs) 10 }}
      and {{ with query (printf "count(%s) - 10" $counted) }}{{ . | first | value }}{{ end }} more
      {{- end }}
      {{- if not $jobs }}No exporter reports the jobs now (N is held: see the description).{{ end }}
    |||),

    groups+: [
      {
        name: 'trunk-health',
        rules: [
          // THRESHOLDS: the expressions, summaries and descriptions below read these series;
          // recording them also lets dashboards draw them. They sit in this group, before the
          // rules that read them: rules of one group run in order at the same evaluation time,
          // so every evaluation sees the current values.
          { record: 'trunk_alert_threshold:failure_streak_commits', expr: 'vector(%d)' % c.failureStreakCommits },
          { record: 'trunk_alert_threshold:last_failure_age_seconds', expr: 'vector(%d)' % c.lastFailureMaxAgeSeconds },
          { record: 'trunk_alert_threshold:badly_broken_jobs', expr: 'vector(%d)' % c.badlyBrokenJobs },

          // N per repo and branch; 0 (not absent) for every repo and branch the exporter reports, so
          // dashboards show 0 and the alerts below need no absent() handling. The inner `group by`
          // counts a logical job once even if two exporter instances report it.
          {
            record: 'repo_branch:trunk_broken_jobs:count',
            expr: |||
              count by (repo, branch) (
                group by (repo, branch, workflow, job_name) (
                    trunk_job_failure_streak >= scalar(trunk_alert_threshold:failure_streak_commits)
                  and on (repo, branch, workflow, job_name)
                    time() - trunk_job_last_failure_timestamp_seconds < scalar(trunk_alert_threshold:last_failure_age_seconds)
                )
              )
              or on (repo, branch)
                0 * group by (repo, branch) (trunk_repo_info)
            |||,
          },

          // N with evidence: only where an exporter reports a successful refresh of the repo and branch.
          // A cold start (trunk_repo_info, no last success yet) or an exporter that is down (its series
          // stale) has no reported N, so a 0 here always means "refreshed, and healthy".
          {
            record: 'repo_branch:trunk_broken_jobs:reported',
            expr: |||
              repo_branch:trunk_broken_jobs:count
                and on (repo, branch)
              group by (repo, branch) (trunk_exporter_last_success_timestamp_seconds)
            |||,
          },

          // N as the alerts see it: the reported N, else the last reported N within noReportHold.
          // Missing data thus holds the last verdict instead of resolving it, while TrunkExporterDown /
          // Absent / NeverRefreshed tell the owning team that the data is missing. Only N is held, not
          // the job series: with the exporter up, a job that leaves the window lowers N at once.
          {
            record: 'repo_branch:trunk_broken_jobs:held',
            expr: |||
              repo_branch:trunk_broken_jobs:reported
                or on (repo, branch)
              last_over_time(repo_branch:trunk_broken_jobs:reported[%s])
            ||| % c.noReportHold,
          },

          // The team of each repo and branch, remembered for teamMemory while no exporter reports it,
          // so a held alert keeps its owner (and its route). The current trunk_repo_info wins; without
          // it, the last one seen (topk: one team even if the team was changed meanwhile).
          {
            record: 'repo_branch_team:trunk_repo_info:remembered',
            expr: |||
              group by (repo, branch, team) (trunk_repo_info)
                or on (repo, branch)
              topk by (repo, branch) (1, group by (repo, branch, team) (last_over_time(trunk_repo_info[%s])))
            ||| % c.teamMemory,
          },

          // The P1/P2 hysteresis in one place: the highest N within badlyBrokenHysteresis. Both alerts
          // compare it with the P1 threshold, so P1 starts at once when N goes above it and ends
          // badlyBrokenHysteresis after N last was above it (or at once, when N reaches 0).
          {
            record: 'repo_branch:trunk_broken_jobs:max_5m',
            expr: 'max_over_time(repo_branch:trunk_broken_jobs:held[%s])' % c.badlyBrokenHysteresis,
          },

          // The two alerts split N >= 1 with complementary conditions on the same two series and the
          // same `for` (none): at every evaluation with N >= 1 exactly one of them fires, with no gap
          // and no overlap. A streak already spans failureStreakCommits commits, so no `for` is
          // needed to debounce. Resolution needs a reported N of 0 (or noReportHold without any report).
          {
            alert: 'TrunkBroken',
            expr: |||
              (
                  repo_branch:trunk_broken_jobs:held >= 1
                unless on (repo, branch)
                  repo_branch:trunk_broken_jobs:max_5m > scalar(trunk_alert_threshold:badly_broken_jobs)
              )
              * on (repo, branch) group_left (team) repo_branch_team:trunk_repo_info:remembered
            |||,
            labels: { priority: 'P2', severity: 'warning' },
            annotations: {
              summary: text.folded(|||
                HUD is broken - {{ with query "trunk_alert_threshold:failure_streak_commits" }}{{ . | first | value }}{{ end }}
                commits in a row (<={{ with query "trunk_alert_threshold:badly_broken_jobs" }}{{ . | first | value }}{{ end }} jobs failing)
              |||),
              description: text.folded(std.rstripChars(streak, '\n') + std.rstripChars(heldNote, '\n')),
              runbook_url: c.runbookBaseUrl + '/TrunkBroken.md',
              dashboard_url: dashboard,
              jobs: jobs,
              hud_url: hud,
            },
          },
          {
            alert: 'TrunkBadlyBroken',
            expr: |||
              (
                  repo_branch:trunk_broken_jobs:held >= 1
                and on (repo, branch)
                  repo_branch:trunk_broken_jobs:max_5m > scalar(trunk_alert_threshold:badly_broken_jobs)
              )
              * on (repo, branch) group_left (team) repo_branch_team:trunk_repo_info:remembered
            |||,
            labels: { priority: 'P1', severity: 'critical' },
            annotations: {
              summary: text.folded(|||
                HUD is badly broken - Likely infra related
                (>{{ with query "trunk_alert_threshold:badly_broken_jobs" }}{{ . | first | value }}{{ end }} jobs failing)
              |||),
              description: text.folded(streak + std.rstripChars(|||
                So many jobs failing at once usually means infrastructure, not one bad commit.{{ with query "trunk_alert_threshold:badly_broken_jobs" }}{{ if le $value (. | first | value) }}
                N was above {{ . | first | value }} less than %(hysteresis)s ago: P1 holds for %(hysteresis)s after that before turning into P2.{{ end }}{{ end }}
              ||| % { hysteresis: hysteresis }, '\n') + std.rstripChars(heldNote, '\n')),
              runbook_url: c.runbookBaseUrl + '/TrunkBadlyBroken.md',
              dashboard_url: dashboard,
              jobs: jobs,
              hud_url: hud,
            },
          },
        ],
      },
    ],
  },
}
