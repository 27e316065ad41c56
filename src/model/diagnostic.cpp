// The rule catalogue: ids, names, severities and summaries of every diagnostic.
#include <vttkit/diagnostic.hpp>

#include <algorithm>
#include <array>

#include "text/ascii.hpp"

namespace vttkit {
namespace {

constexpr std::array<rule_info, 22> catalogue{{
    {rule::missing_signature, "E001", "missing-signature", severity::error,
     "no WEBVTT signature: the file has no cues"},
    {rule::invalid_timestamp, "E002", "invalid-timestamp", severity::error,
     "a timing line that does not parse: the cue is dropped"},
    {rule::end_not_after_start, "E003", "end-not-after-start", severity::error,
     "a cue's end is not later than its start"},
    {rule::arrow_in_text, "E004", "arrow-in-text", severity::error,
     "`-->` inside cue text (often a missing blank line): a new cue starts there"},
    {rule::invalid_utf8, "E005", "invalid-utf8", severity::error, "bytes that are not UTF-8, replaced by U+FFFD"},
    {rule::nul_character, "E006", "nul-character", severity::error, "U+0000 in the file"},
    {rule::start_backwards, "W101", "start-backwards", severity::warning,
     "a cue starts earlier than the cue before it"},
    {rule::overlap, "W102", "overlap", severity::warning, "a cue starts before the previous cue ends"},
    {rule::short_hours, "W103", "short-hours", severity::warning, "hours written with fewer than two digits"},
    {rule::bad_setting, "W104", "bad-setting", severity::warning, "unknown or malformed cue setting, ignored"},
    {rule::bad_tag, "W105", "bad-tag", severity::warning, "unknown, malformed or unclosed cue-text tag"},
    {rule::bad_entity, "W106", "bad-entity", severity::warning,
     "`&` that does not start a known character reference"},
    {rule::duplicate_id, "W107", "duplicate-id", severity::warning, "a cue id used before"},
    {rule::empty_cue, "W108", "empty-cue", severity::warning, "a cue with no text"},
    {rule::line_too_long, "S201", "line-too-long", severity::warning, "a line longer than the maximum"},
    {rule::too_many_lines, "S202", "too-many-lines", severity::warning, "a cue with more lines than the maximum"},
    {rule::reading_speed, "S203", "reading-speed", severity::warning, "more characters per second than the maximum"},
    {rule::too_short, "S204", "too-short", severity::warning, "a cue shorter than the minimum duration"},
    {rule::too_long, "S205", "too-long", severity::warning, "a cue longer than the maximum duration"},
    {rule::gap_too_small, "S206", "gap-too-small", severity::warning,
     "less than the minimum gap between cues that do not overlap"},
    {rule::missing_speaker, "T301", "missing-speaker", severity::warning,
     "a cue without a speaker in a file where others have one"},
    {rule::inconsistent_speaker, "T302", "inconsistent-speaker", severity::warning,
     "speaker labels that differ only in case or white space"},
}};

using detail::iequals;

}  // namespace

std::span<const rule_info> all_rules() noexcept { return catalogue; }

rule_set rule_set::all() noexcept {
  rule_set s;
  for (const auto& entry : catalogue) s.add(entry.rule);
  return s;
}

const rule_info& info(rule r) noexcept { return catalogue[static_cast<std::size_t>(r)]; }

std::optional<rule> find_rule(std::string_view id_or_name) noexcept {
  for (const auto& entry : catalogue) {
    if (iequals(entry.id, id_or_name) || iequals(entry.name, id_or_name)) return entry.rule;
  }
  return std::nullopt;
}

std::string_view to_string(severity s) noexcept { return s == severity::error ? "error" : "warning"; }

}  // namespace vttkit
