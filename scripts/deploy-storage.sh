#!/usr/bin/env bash
# Applies a deploy plan (`npm run deploy-plan -- --with-files`) to an S3-compatible bucket with
# the AWS CLI (on GitHub's runners; Cloudflare R2 and others through AWS_ENDPOINT_URL), in the
# plan's order: every new or changed file with its media type and Cache-Control, then the
# deletions, then files.json. Stopped anywhere, the live files.json is still the old one, and the
# next plan does it all again.
#   scripts/deploy-storage.sh deploy-plan s3://my-paper-bucket
set -euo pipefail
plan="${1:?usage: deploy-storage.sh PLAN_DIR s3://BUCKET[/PREFIX]}"
target="${2:?usage: deploy-storage.sh PLAN_DIR s3://BUCKET[/PREFIX]}"
target="${target%/}"

upload() {
  local path type cache
  while IFS=$'\t' read -r path type cache _; do
    aws s3 cp --only-show-errors "$plan/files/$path" "$target/$path" --content-type "$type" --cache-control "$cache"
  done < "$1"
}

upload "$plan/upload.tsv"
while IFS= read -r path; do
  aws s3 rm --only-show-errors "$target/$path"
done < "$plan/delete.txt"
upload "$plan/manifest.tsv"
echo "Uploaded $(cat "$plan/upload.tsv" "$plan/manifest.tsv" | wc -l) file(s) to $target and deleted $(wc -l < "$plan/delete.txt")."
