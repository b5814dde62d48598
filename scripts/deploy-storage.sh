#!/usr/bin/env bash
# Applies a deploy plan (`npm run deploy-plan -- --with-files`) to an S3-compatible bucket with
# the AWS CLI (on GitHub's runners; Cloudflare R2 and others through AWS_ENDPOINT_URL), in the
# plan's order: every new or changed file with its media type and Cache-Control, then the
# deletions, then files.json. Stopped anywhere, the live files.json is still the old one, and the
# next plan does it all again.
# Then, with CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN (permission: Cache Purge) and SITE_URL set,
# Cloudflare in front of the bucket (R2's custom domain) is told to forget what changed (purge.txt):
# pages it keeps five minutes, and the pictures of a withdrawn article, which it would keep a year.
#   scripts/deploy-storage.sh deploy-plan s3://my-paper-bucket
set -euo pipefail
plan="${1:?usage: deploy-storage.sh PLAN_DIR s3://BUCKET[/PREFIX]}"
target="${2:?usage: deploy-storage.sh PLAN_DIR s3://BUCKET[/PREFIX]}"
target="${target%/}"
if [ ! -f "$plan/groups.tsv" ]; then
  echo "deploy-storage: $plan/groups.tsv is missing: make the plan with the files (npm run deploy-plan -- --with-files)" >&2
  exit 1
fi

bucket_path="${target#s3://}"
bucket="${bucket_path%%/*}"
prefix=""
if [ "$bucket_path" != "$bucket" ]; then prefix="${bucket_path#*/}/"; fi

# One recursive copy per media type and Cache-Control (groups.tsv): an `aws` process a file cost
# 0.87 s each, 112 s for a day's 129 files (against a local S3, moto_server).
while IFS=$'\t' read -r group type cache _; do
  aws s3 cp --recursive --only-show-errors "$plan/files/$group" "$target/" --content-type "$type" --cache-control "$cache"
done < "$plan/groups.tsv"

# The deletions, 1,000 keys a request (S3's DeleteObjects limit). A key S3 could not delete is in
# the answer's Errors, not in the exit code.
if [ -s "$plan/delete.txt" ]; then
  batches="$(mktemp -d)"
  trap 'rm -rf "$batches"' EXIT
  split -l 1000 -d -a 4 "$plan/delete.txt" "$batches/keys-"
  for keys in "$batches"/keys-*; do
    jq -cRn --arg prefix "$prefix" '{Objects: [inputs | {Key: ($prefix + .)}], Quiet: true}' < "$keys" > "$keys.json"
    answer="$(aws s3api delete-objects --bucket "$bucket" --delete "file://$keys.json" --output json)"
    if [ -n "$answer" ] && jq -e '(.Errors // []) | length > 0' <<< "$answer" > /dev/null; then
      echo "S3 did not delete every file: $answer" >&2
      exit 1
    fi
  done
fi

while IFS=$'\t' read -r path type cache _; do
  aws s3 cp --only-show-errors "$plan/last/$path" "$target/$path" --content-type "$type" --cache-control "$cache"
done < "$plan/manifest.tsv"
echo "Uploaded $(cat "$plan/upload.tsv" "$plan/manifest.tsv" | wc -l) file(s) to $target and deleted $(wc -l < "$plan/delete.txt")."

if [ -n "${CLOUDFLARE_ZONE_ID:-}" ]; then
  : "${CLOUDFLARE_API_TOKEN:?CLOUDFLARE_ZONE_ID is set: expected CLOUDFLARE_API_TOKEN too}"
  : "${SITE_URL:?CLOUDFLARE_ZONE_ID is set: expected SITE_URL, the address the CDN serves the site at}"
  site="${SITE_URL%/}"
  purge() {
    if ! curl --fail-with-body --silent --show-error --retry 3 --max-time 60 -X POST \
      "https://api.cloudflare.com/client/v4/zones/$CLOUDFLARE_ZONE_ID/purge_cache" \
      -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" -H "Content-Type: application/json" --data "$1" > /dev/null; then
      echo "Cloudflare did not take the purge (above). The site is deployed, but the CDN may serve what it had: purge the URLs of $plan/purge.txt (the deploy-plan artifact) by hand." >&2
      exit 1
    fi
  }
  count=$(wc -l < "$plan/purge.txt")
  if [ "$count" -gt 1000 ]; then
    # A new design changes every page: one request for the whole site (its host and path) instead
    # of hundreds, which the free plan's five requests a minute would spread over an hour.
    purge "{\"prefixes\":[\"${site#*://}\"]}"
    echo "Asked Cloudflare to forget everything under $site ($count URLs changed)."
  elif [ "$count" -gt 0 ]; then
    # 100 URLs a request, Cloudflare's limit. The paths are percent-encoded: nothing to escape in JSON.
    batch=()
    send() { purge "{\"files\":[$(IFS=,; echo "${batch[*]}")]}"; batch=(); }
    while IFS= read -r url_path; do
      batch+=("\"$site$url_path\"")
      if [ "${#batch[@]}" -eq 100 ]; then send; fi
    done < "$plan/purge.txt"
    if [ "${#batch[@]}" -gt 0 ]; then send; fi
    echo "Asked Cloudflare to forget $count URL(s) under $site."
  fi
fi
