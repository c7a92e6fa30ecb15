#!/usr/bin/env bash
# Re-records every envelope vector in this folder with hookspec's own signer (`hookspec sign --record`).
# Deterministic: fixed test keys, ids and clocks (HMAC and Ed25519 are deterministic), so running it
# again must leave `git diff` empty. Expectations are written here by hand; the recorder refuses to
# write a file the core disagrees with. Usage: vectors/envelopes/record.sh [path/to/hookspec]
set -euo pipefail
cd "$(dirname "$0")/../.."
HOOKSPEC=${1:-.build/debug/hookspec}
if [ ! -x "$HOOKSPEC" ]; then
  echo "record.sh: $HOOKSPEC not found; run \`swift build\` first or pass the hookspec binary" >&2
  exit 2
fi
DIR=vectors/envelopes
# Test keys only: they are written into every vector file.
SECRET=whsec_aG9va3NwZWMgY2F0YWxvZyB0ZXN0IHNlY3JldCAwMDE=
SIGNING_KEY=whsk_aG9va3NwZWMgY2F0YWxvZyB0ZXN0IGVkMjU1MTkgMDE=
EVENT_TIME=1769083200 # 2026-01-22T12:00:00Z, the time of both documents' envelope examples
GUIDE="seeds/000 (current guide, Indonesian)"
LAUNCH="seeds/002 (launch-era text, Japanese)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$DIR"/*.json
n=0

# rec NAME SCHEME DESCRIPTION SOURCE BODY [sign --record options...]
rec() {
  local name=$1 scheme=$2 description=$3 source=$4 body=$5
  shift 5
  n=$((n + 1))
  printf '%s' "$body" >"$tmp/$name.body"
  local keys=(--secret "$SECRET")
  [ "$scheme" = v1a ] && keys=(--signing-key "$SIGNING_KEY")
  "$HOOKSPEC" sign --scheme "$scheme" "${keys[@]}" --body "$tmp/$name.body" \
    --id "msg_hookspec_catalog_$(printf %03d $n)" --timestamp $((EVENT_TIME + 60 + n)) --now $((EVENT_TIME + 62 + n)) \
    --record "$DIR/$name.json" --description "$description" --source "$source" "$@"
}
valid() { echo --expect-catalog envelope_valid --expect-type "$1" --expect-variant "${2:-guide}"; }

# --- The example envelopes of both source documents, byte for byte as printed ---
rec guide-example v1 "The guide's envelope example" "$GUIDE, section Amplop webhook" '{
  "type": "batch.succeeded",
  "version": "v1",
  "timestamp": "2026-01-22T12:00:00Z",
  "data": {
    "id": "batch_123456",
    "output_file_uri": "gs://my-bucket/results.jsonl"
  }
}' $(valid batch.succeeded)
rec launch-text-example v1 "The launch text's envelope example: the alias batch.completed and an extra data.error_count" "$LAUNCH, section Webhook エンベロープ" '{
  "type": "batch.completed",
  "version": "v1",
  "timestamp": "2026-01-22T12:00:00Z",
  "data": {
    "id": "batch_123456",
    "output_file_uri": "gs://my-bucket/results.jsonl",
    "error_count": 0
  }
}' --expect-catalog envelope_alias --expect-type batch.completed --expect-variant launch-text

# --- One per catalog type and variant ---
rec batch-succeeded v1 "batch.succeeded, compact" "$GUIDE, event catalog" \
  '{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc123","output_file_uri":"files/batch-abc123-output"}}' $(valid batch.succeeded)
rec batch-cancelled v1a "batch.cancelled (guide only), signed v1a" "$GUIDE, event catalog" \
  '{"type":"batch.cancelled","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc124"}}' $(valid batch.cancelled)
rec batch-expired v1 "batch.expired" "$GUIDE, event catalog" \
  '{"type":"batch.expired","version":"v1","timestamp":"2026-01-23T12:00:00Z","data":{"id":"batches/abc125"}}' $(valid batch.expired)
rec batch-failed v1 "batch.failed with an integer error_code" "$GUIDE, event catalog" \
  '{"type":"batch.failed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc126","error_code":3,"error_message":"Invalid input file."}}' $(valid batch.failed)
rec batch-failed-string-code v1a "batch.failed with a string error_code, signed v1a" "$GUIDE, event catalog" \
  '{"type":"batch.failed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc127","error_code":"INVALID_ARGUMENT","error_message":"Invalid input file."}}' $(valid batch.failed)
rec interaction-requires-action v1 "interaction.requires_action" "$GUIDE, event catalog" \
  '{"type":"interaction.requires_action","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"interactions/i-001"}}' $(valid interaction.requires_action)
rec interaction-completed v1a "interaction.completed, signed v1a" "$GUIDE, event catalog" \
  '{"type":"interaction.completed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"interactions/i-002"}}' $(valid interaction.completed)
rec interaction-failed v1 "interaction.failed" "$GUIDE, event catalog" \
  '{"type":"interaction.failed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"interactions/i-003","error_code":13,"error_message":"Internal error."}}' $(valid interaction.failed)
rec interaction-cancelled v1 "interaction.cancelled (guide only)" "$GUIDE, event catalog" \
  '{"type":"interaction.cancelled","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"interactions/i-004"}}' $(valid interaction.cancelled)
rec video-generated-guide v1 "video.generated, the guide's variant" "$GUIDE, event catalog" \
  '{"type":"video.generated","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"operations/v-001","output_file_uri":"files/v-001-output","file_name":"files/v-001"}}' $(valid video.generated guide)
rec video-generated-launch-text v1a "video.generated, the launch text's variant (file_id, video_uri), signed v1a" "$LAUNCH, event catalog" \
  '{"type":"video.generated","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"operations/v-002","file_id":"files/v-002","video_uri":"gs://my-bucket/v-002.mp4"}}' $(valid video.generated launch-text)
rec batch-completed-alias v1 "batch.completed, the launch text's alias of batch.succeeded" "$LAUNCH, samples" \
  '{"type":"batch.completed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc128","output_file_uri":"files/batch-abc128-output"}}' \
  --expect-catalog envelope_alias --expect-type batch.completed --expect-variant launch-text

# --- An unknown type and extra members ---
rec unknown-type v1 "A type the catalog does not know: reported as unknown, not invalid" "hookspec (SPEC §5)" \
  '{"type":"batch.paused","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc129"}}' \
  --expect-catalog envelope_unknown_type --expect-type batch.paused
rec extra-members v1a "Unknown members at the top level and in data are allowed" "hookspec (SPEC §5)" \
  '{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-22T12:00:00Z","attempt":2,"data":{"id":"batches/abc130","output_file_uri":"files/out","error_count":0,"labels":{"team":"eval"},"stats":[1,2.5,null,true]}}' \
  $(valid batch.succeeded)

# --- Missing members ---
rec missing-output-file-uri v1 "batch.succeeded without output_file_uri" "hookspec (SPEC §5)" \
  '{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc131"}}' \
  --expect-catalog envelope_invalid --expect-type batch.succeeded --expect-variant guide --expect-problem "member_missing /data/output_file_uri"
rec missing-error-members v1 "interaction.failed without error_code and error_message" "hookspec (SPEC §5)" \
  '{"type":"interaction.failed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"interactions/i-005"}}' \
  --expect-catalog envelope_invalid --expect-type interaction.failed --expect-variant guide \
  --expect-problem "member_missing /data/error_code" --expect-problem "member_missing /data/error_message"
rec missing-data v1 "No data member" "hookspec (SPEC §5)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2026-01-22T12:00:00Z"}' \
  --expect-catalog envelope_invalid --expect-type batch.expired --expect-problem "member_missing /data"
rec missing-data-id v1a "data without id, signed v1a" "hookspec (SPEC §5)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{}}' \
  --expect-catalog envelope_invalid --expect-type batch.expired --expect-variant guide --expect-problem "member_missing /data/id"
rec missing-version-timestamp v1 "No version and no timestamp" "hookspec (SPEC §5)" \
  '{"type":"interaction.completed","data":{"id":"interactions/i-006"}}' \
  --expect-catalog envelope_invalid --expect-type interaction.completed --expect-variant guide \
  --expect-problem "member_missing /version" --expect-problem "member_missing /timestamp"
rec video-generated-no-variant v1 "video.generated matching neither variant: the nearest (guide) is named" "hookspec (SPEC §5)" \
  '{"type":"video.generated","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"operations/v-003","output_file_uri":"files/v-003-output"}}' \
  --expect-catalog envelope_invalid --expect-type video.generated --expect-variant guide --expect-problem "member_missing /data/file_name"

# --- Wrong member types ---
rec wrong-type-id-number v1 "data.id is a number" "hookspec (SPEC §5)" \
  '{"type":"batch.cancelled","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":123456}}' \
  --expect-catalog envelope_invalid --expect-type batch.cancelled --expect-variant guide --expect-problem "member_wrong_type /data/id"
rec wrong-type-error-code-bool v1 "error_code is a boolean" "hookspec (SPEC §5)" \
  '{"type":"batch.failed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc132","error_code":true,"error_message":"x"}}' \
  --expect-catalog envelope_invalid --expect-type batch.failed --expect-variant guide --expect-problem "member_wrong_type /data/error_code"
rec wrong-type-error-code-fraction v1a "error_code is a non-integral number, signed v1a" "hookspec (SPEC §5)" \
  '{"type":"interaction.failed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"interactions/i-007","error_code":3.5,"error_message":"x"}}' \
  --expect-catalog envelope_invalid --expect-type interaction.failed --expect-variant guide --expect-problem "member_wrong_type /data/error_code"
rec integral-error-code-exponent v1 "error_code written 1.3e1: integral, so an integer as JSON Schema counts" "hookspec (SPEC §5)" \
  '{"type":"interaction.failed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"interactions/i-008","error_code":1.3e1,"error_message":"x"}}' \
  $(valid interaction.failed)
rec wrong-type-data-array v1 "data is an array" "hookspec (SPEC §5)" \
  '{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":["batches/abc133"]}' \
  --expect-catalog envelope_invalid --expect-type batch.succeeded --expect-problem "member_wrong_type /data"
rec wrong-type-type-number v1 "type is a number" "hookspec (SPEC §5)" \
  '{"type":7,"version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc134"}}' \
  --expect-catalog envelope_invalid --expect-problem "member_wrong_type /type"
rec empty-id v1 "data.id is an empty string" "hookspec (SPEC §5)" \
  '{"type":"interaction.completed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":""}}' \
  --expect-catalog envelope_invalid --expect-type interaction.completed --expect-variant guide --expect-problem "member_empty /data/id"
rec version-v2 v1 "version is v2" "hookspec (SPEC §5)" \
  '{"type":"batch.succeeded","version":"v2","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc135","output_file_uri":"files/out"}}' \
  --expect-catalog envelope_invalid --expect-type batch.succeeded --expect-variant guide --expect-problem "version_unsupported /version"

# --- Timestamps ---
rec timestamp-space-separator v1 "A space instead of T" "hookspec (RFC 3339 §5.6)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2026-01-22 12:00:00Z","data":{"id":"batches/abc136"}}' \
  --expect-catalog envelope_invalid --expect-type batch.expired --expect-variant guide --expect-problem "timestamp_not_rfc3339 /timestamp"
rec timestamp-unix-seconds v1 "Unix seconds as a string" "hookspec (RFC 3339 §5.6)" \
  '{"type":"batch.expired","version":"v1","timestamp":"1769083200","data":{"id":"batches/abc137"}}' \
  --expect-catalog envelope_invalid --expect-type batch.expired --expect-variant guide --expect-problem "timestamp_not_rfc3339 /timestamp"
rec timestamp-no-offset v1a "No time offset, signed v1a" "hookspec (RFC 3339 §5.6)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2026-01-22T12:00:00","data":{"id":"batches/abc138"}}' \
  --expect-catalog envelope_invalid --expect-type batch.expired --expect-variant guide --expect-problem "timestamp_not_rfc3339 /timestamp"
rec timestamp-february-30 v1 "A day that does not exist" "hookspec (RFC 3339 §5.7)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2026-02-30T12:00:00Z","data":{"id":"batches/abc139"}}' \
  --expect-catalog envelope_invalid --expect-type batch.expired --expect-variant guide --expect-problem "timestamp_not_rfc3339 /timestamp"
rec timestamp-trailing-newline v1 "A newline after the offset (Python's \$ would let it through a naive pattern)" "hookspec (RFC 3339 §5.6)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2026-01-22T12:00:00Z\n","data":{"id":"batches/abc140"}}' \
  --expect-catalog envelope_invalid --expect-type batch.expired --expect-variant guide --expect-problem "timestamp_not_rfc3339 /timestamp"
rec timestamp-number v1 "timestamp is a JSON number" "hookspec (SPEC §5)" \
  '{"type":"batch.expired","version":"v1","timestamp":1769083200,"data":{"id":"batches/abc141"}}' \
  --expect-catalog envelope_invalid --expect-type batch.expired --expect-variant guide --expect-problem "member_wrong_type /timestamp"
rec timestamp-offset-fraction v1 "Valid RFC 3339 with a fraction and a +01:00 offset" "hookspec (RFC 3339 §5.6)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2026-01-22T13:00:00.123456+01:00","data":{"id":"batches/abc142"}}' \
  $(valid batch.expired)
rec timestamp-leap-second v1a "A leap second, 23:59:60 UTC, signed v1a" "hookspec (RFC 3339 §5.7)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2016-12-31T23:59:60Z","data":{"id":"batches/abc143"}}' \
  $(valid batch.expired)
rec timestamp-leap-day v1 "29 February of a leap year divisible by 400" "hookspec (RFC 3339 §5.7)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2000-02-29T00:00:00z","data":{"id":"batches/abc144"}}' \
  $(valid batch.expired)
rec timestamp-not-leap-day v1 "29 February of 2100, not a leap year" "hookspec (RFC 3339 §5.7)" \
  '{"type":"batch.expired","version":"v1","timestamp":"2100-02-29T00:00:00Z","data":{"id":"batches/abc145"}}' \
  --expect-catalog envelope_invalid --expect-type batch.expired --expect-variant guide --expect-problem "timestamp_not_rfc3339 /timestamp"

# --- user_metadata (dynamic webhooks; SPEC §5) ---
rec user-metadata-top-level v1a "user_metadata at the top level, signed v1a" "$GUIDE, webhook_config.user_metadata" \
  '{"type":"interaction.completed","version":"v1","timestamp":"2026-01-22T12:00:00Z","user_metadata":{"job_group":"nightly-eval","priority":"high"},"data":{"id":"interactions/i-009"}}' \
  $(valid interaction.completed) --expect-user-metadata /user_metadata
rec user-metadata-in-data v1 "user_metadata under data" "$LAUNCH, webhook_config.user_metadata" \
  '{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc146","output_file_uri":"files/out","user_metadata":{"job_group":"nightly-eval","priority":"high"}}}' \
  $(valid batch.succeeded) --expect-user-metadata /data/user_metadata
rec user-metadata-not-object v1 "user_metadata that is not an object" "hookspec (SPEC §5)" \
  '{"type":"interaction.completed","version":"v1","timestamp":"2026-01-22T12:00:00Z","user_metadata":"nightly-eval","data":{"id":"interactions/i-010"}}' \
  --expect-catalog envelope_invalid --expect-type interaction.completed --expect-variant guide \
  --expect-problem "member_wrong_type /user_metadata" --expect-user-metadata /user_metadata

# --- Valid JSON written unusually (SPEC §9.4): a receiver must verify the raw bytes ---
rec unusual-key-order v1 "Members in reverse order" "hookspec (SPEC §9.4)" \
  '{"data":{"output_file_uri":"files/out","id":"batches/abc147"},"timestamp":"2026-01-22T12:00:00Z","version":"v1","type":"batch.succeeded"}' \
  $(valid batch.succeeded)
rec unusual-whitespace v1 "Tabs, CRLF line ends, spaces around colons, a trailing newline" "hookspec (SPEC §9.4)" \
  $'\r\n{ \t"type"\t:\t"batch.succeeded" ,\r\n\t"version" : "v1",\r\n  "timestamp":"2026-01-22T12:00:00Z",   "data" :\r\n{"id" : "batches/abc148" , "output_file_uri":"files/out"\t}\r\n}\r\n' \
  $(valid batch.succeeded)
rec unusual-unicode-escapes v1a "\\u escapes in a member name and values, escaped slashes, a surrogate pair, raw UTF-8; signed v1a" "hookspec (SPEC §9.4)" \
  '{"\u0074ype":"batch.succeeded","version":"\u0076\u0031","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batch_\u0031\u0032\u0033 \ud83c\udfac","output_file_uri":"gs:\/\/my-bucket\/r\u00e9sultats-日本.jsonl"}}' \
  $(valid batch.succeeded)
printf '%s' '{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc149","output_file_uri":"files/out"}}' >"$tmp/reserialized.delivered"
rec reserialized-after-signing v1 "Body re-serialised after signing (the cookbook flaw, SPEC §2): the signature no longer matches, the envelope is still valid" "hookspec (SPEC §2, §9.4)" \
  '{"type": "batch.succeeded", "version": "v1", "timestamp": "2026-01-22T12:00:00Z", "data": {"id": "batches/abc149", "output_file_uri": "files/out"}}' \
  --delivered-body "$tmp/reserialized.delivered" --expect-verification signature_mismatch $(valid batch.succeeded)

# --- Bodies that are not envelopes ---
rec not-json v1 "A truncated body" "hookspec (SPEC §5)" \
  '{"type":"batch.succeeded","version":"v1",' --expect-catalog envelope_not_json
rec duplicate-member v1 "type given twice: rejected by the strict parser" "hookspec (SPEC §5, RFC 8259 §4)" \
  '{"type":"batch.succeeded","type":"batch.failed","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/abc150","output_file_uri":"files/out"}}' \
  --expect-catalog envelope_not_json
rec not-object v1a "A JSON array, signed v1a" "hookspec (SPEC §5)" \
  '[{"type":"batch.succeeded"}]' --expect-catalog envelope_not_object

echo "recorded $n envelopes in $DIR"
