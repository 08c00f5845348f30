#!/usr/bin/env bash
# Deploy one stack commit by commit: every first-parent commit of main after the one the stack last
# got, oldest first, one `pulumi up` per commit that changes something the stack depends on.
#
# Why: GitHub keeps at most one pending run per concurrency group and cancels older pending ones, so
# the run that finally starts may be several merges ahead of the stack. Applied as one `pulumi up`,
# "set v1's weight to 0" and "remove v1" would become one step, and the route and its subset could go
# at the same moment. One `pulumi up` per commit keeps each merge's step, whatever GitHub batched.
#
# The last deployed commit lives in the stack itself, as the stack tag `deployed-commit`, written
# after each successful `pulumi up` with `deployed-at` (Unix seconds: when that step went live, which
# the rollout judges from). A failed `pulumi up` leaves the tags where they were, so the next run
# starts again from the commit that failed.
#
# A rollback holds its canary: `rollout run` sets the stack tag `rollout-hold` (canary@attempt) before
# the rollback goes live. While it is set, every commit is first put to `frontend rollout gate`, and a
# commit that would give that canary weight again in the same attempt (a promote queued before the
# rollback) is skipped, never deployed. Only a restart (rollout.attempt raised) lifts the hold.
#
# Usage: deploy-in-order.sh <stack> <stack name for pulumi> <target commit>
#   <stack>                dev or prod: which Pulumi.<stack>.yaml belongs to this stack
#   <stack name for pulumi> what `pulumi --stack` takes: dev, or <org>/dev
#   <target commit>        the commit this run deploys up to (the workflow's github.sha)
# Environment:
#   DEPLOY_PAUSE_SECONDS   seconds to wait between two `pulumi up`s (default 30), so the mesh has
#                          pushed one step's routes to the proxies before the next step runs
#   FRONTEND_CLI           the rollout tool (the published tools/Frontend.Cli), asked about every
#                          commit while a rollback holds a canary; required only then
# Runs from the repository root, with full history (actions/checkout with fetch-depth: 0).
# shellcheck disable=SC2016 # backticks in the summary lines are Markdown, not command substitution
set -euo pipefail

stack=$1
stack_ref=$2
target=$(git rev-parse --verify "$3^{commit}")
pause=${DEPLOY_PAUSE_SECONDS:-30}
tag=deployed-commit
summary=${GITHUB_STEP_SUMMARY:-/dev/null}

notice() { echo "::notice::$stack: $*"; }
fail() { echo "::error::$stack: $*"; exit 1; }

# Paths whose changes cannot change what `pulumi up` does to this stack. Everything else counts,
# so a file nobody thought of costs at most one `pulumi up` with no changes, never a skipped step.
irrelevant() {
  case "$1" in
    *.md | docs/* | tests/* | benchmarks/* | analysis/* | tools/* | offline/* | schema/* | .github/* | .ci/*) return 0 ;;
    Infra.sln | .gitignore | .gitattributes) return 0 ;;
    "Pulumi.$stack.yaml") return 1 ;;
    Pulumi.*.yaml) return 0 ;;   # another stack's config
    *) return 1 ;;
  esac
}

# True when the commit changes at least one path that matters (its change against its first parent,
# which is what the merge brought to main).
matters() {
  local file
  while IFS= read -r file; do
    irrelevant "$file" || return 0
  done < <(git diff --name-only "$1^1" "$1" 2>/dev/null || git show --name-only --format= "$1")
  return 1
}

# Read the tag through `tag ls`, so that a failing pulumi (no token, no network) stops the run
# instead of looking like "never deployed" and deploying the target in one step.
# A tag's value is a plain string (a commit id here), so a pattern reads it from the JSON without jq;
# whatever it holds, the history checks below refuse a value that is not a commit of main.
tags=$(pulumi stack tag ls --json --stack "$stack_ref")
tag_value() { grep -o "\"$1\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" <<<"$tags" | sed 's/.*"\([^"]*\)"$/\1/' || true; }
last=$(tag_value "$tag")
hold=$(tag_value rollout-hold)
if [ -n "$hold" ] && [ -z "${FRONTEND_CLI:-}" ]; then
  fail "a rollback holds the canary $hold (stack tag rollout-hold), and FRONTEND_CLI is not set, so no commit can be checked against it: set FRONTEND_CLI to the rollout tool"
fi

if [ -z "$last" ]; then
  echo "::warning::$stack: the stack has no '$tag' tag, so which commit it runs is unknown: deploying $target alone. Set the tag once (pulumi stack tag set $tag <commit> --stack $stack_ref) on a stack deployed before this workflow."
  commits=$target
else
  git cat-file -e "$last^{commit}" 2>/dev/null \
    || fail "the stack's $tag ($last) is not in this repository's history. Set the tag to the commit the stack runs: pulumi stack tag set $tag <commit> --stack $stack_ref"
  if git merge-base --is-ancestor "$target" "$last"; then
    notice "the stack already runs $last, which contains $target: nothing to deploy (to roll back, revert on main)"
    exit 0
  fi
  git merge-base --is-ancestor "$last" "$target" \
    || fail "the stack's $tag ($last) is not an ancestor of $target (history rewritten?). Set the tag to the commit the stack runs: pulumi stack tag set $tag <commit> --stack $stack_ref"
  commits=$(git rev-list --reverse --first-parent "$last..$target")
fi

count=$(wc -w <<<"$commits")
notice "$count commit(s) after ${last:-nothing}, up to $target"
printf '### %s: commits deployed in order\n\n| commit | |\n| --- | --- |\n' "$stack" >> "$summary"

worktree=$(mktemp -d)
trap 'git worktree remove --force "$worktree" 2>/dev/null || true' EXIT
ups=0
recorded=$last
for commit in $commits; do
  subject=$(git log -1 --format=%s "$commit" | sed 's/|/\\|/g')
  # A commit's diff against its parent says nothing about a stack whose commit is unknown (no tag):
  # that stack gets the target even when the target itself only touched docs.
  if [ -n "$last" ] && ! matters "$commit"; then
    echo "skip $commit (changes nothing $stack depends on): $subject"
    printf '| `%.12s` %s | skipped: nothing this stack depends on |\n' "$commit" "$subject" >> "$summary"
    continue
  fi
  if [ "$ups" -gt 0 ] && [ "$pause" -gt 0 ]; then
    echo "waiting ${pause}s before the next step"
    sleep "$pause"
  fi
  echo "::group::pulumi up $stack at $commit: $subject"
  git worktree remove --force "$worktree" 2>/dev/null || rm -rf "$worktree"
  git worktree add --detach --quiet "$worktree" "$commit"
  if [ -n "$hold" ]; then
    gate=0
    verdict=$("$FRONTEND_CLI" rollout gate "$stack" --hold "$hold" --project-dir "$worktree") || gate=$?
    if [ "$gate" -eq 8 ]; then
      echo "::warning::$stack: not deploying $commit: $verdict"
      echo "::endgroup::"
      printf '| `%.12s` %s | skipped: a rollback holds %s |\n' "$commit" "$subject" "$hold" >> "$summary"
      continue
    fi
    [ "$gate" -eq 0 ] || fail "frontend rollout gate exited with $gate at $commit: $verdict"
  fi
  pulumi up --yes --non-interactive --stack "$stack_ref" --cwd "$worktree" \
    --message "$(printf '%.12s %s' "$commit" "$subject")"
  pulumi stack tag set "$tag" "$commit" --stack "$stack_ref"
  pulumi stack tag set deployed-at "$(date +%s)" --stack "$stack_ref"
  recorded=$commit
  echo "::endgroup::"
  printf '| `%.12s` %s | deployed |\n' "$commit" "$subject" >> "$summary"
  ups=$((ups + 1))
done

# Skipped commits at the end change nothing here: record the target so the next run starts after it.
if [ "$recorded" != "$target" ]; then
  pulumi stack tag set "$tag" "$target" --stack "$stack_ref"
fi
notice "$ups pulumi up(s); the stack's $tag is $target"
