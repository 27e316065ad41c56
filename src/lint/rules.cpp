// The rules the linter finds over the stream of cues: one function per rule (see rules.hpp).
#include "lint/rules.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "text/message_text.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace vttkit::detail {
namespace {

// Local helpers: the T302 key and the pieces of messages.

/// The key under which speaker labels count as the same: case folded, white space removed
/// (so "Speaker 1", "SPEAKER 1" and "Speaker1" meet). Written into `key`, reusing its capacity.
void label_key(std::string_view label, std::string& key) {
  key.clear();
  for (std::size_t i = 0; i < label.size();) {
    const char32_t cp = next_code_point(label, i);
    if (is_white_space(cp)) continue;
    append_code_point(key, fold_case(cp));
  }
}

/// Text quoted in a message: "text", short and printable.
std::string quoted(std::string_view s) { return '"' + detail::message_snippet(s) + '"'; }

/// Seconds with millisecond precision, for messages ("0.300").
std::string seconds(millis ms) { return fmt::format("{}.{:03}", ms / 1000, ms % 1000); }

/// The line and code point column of byte `offset` of a cue's payload.
std::pair<std::size_t, std::size_t> payload_position(const cue& c, std::size_t offset) {
  const std::string_view before_it = std::string_view{c.payload}.substr(0, offset);
  const auto nl = before_it.rfind('\n');
  const auto line_start = nl == std::string_view::npos ? 0 : nl + 1;
  const std::size_t column = 1 + count_code_points(before_it.substr(line_start));
  return {c.line + 1 + static_cast<std::size_t>(std::count(before_it.begin(), before_it.end(), '\n')), column};
}

constexpr std::string_view missing_speaker_message = "cue has no speaker, but other cues in this file have one";

// Every rule the linter finds, in catalogue order.
constexpr std::array<rule_check, 14> checks{{
    {rule::start_backwards, check_w101_start_backwards},
    {rule::overlap, check_w102_overlap},
    {rule::duplicate_id, check_w107_duplicate_id},
    {rule::empty_cue, check_w108_empty_cue},
    {rule::line_too_long, check_s201_line_too_long},
    {rule::too_many_lines, check_s202_too_many_lines},
    {rule::reading_speed, check_s203_reading_speed},
    {rule::too_short, check_s204_too_short},
    {rule::too_long, check_s205_too_long},
    {rule::gap_too_small, check_s206_gap_too_small},
    {rule::missing_speaker, check_t301_missing_speaker},
    {rule::inconsistent_speaker, check_t302_inconsistent_speaker},
    {rule::suspicious_speaker_change, check_t303_suspicious_speaker_change},
    {rule::short_interjection, check_t304_short_interjection},
}};

}  // namespace

std::span<const rule_check> rule_checks() noexcept { return checks; }

text_measure measure_text(std::string_view text, bool count) noexcept {
  text_measure m;
  if (!count) {
    // Only the blank test: stop at the first visible character.
    for (std::size_t i = 0; i < text.size() && !m.visible;) m.visible = !is_white_space(next_code_point(text, i));
    return m;
  }
  std::size_t breaks = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      ++breaks;
      ++i;
      continue;
    }
    ++m.chars;
    const char32_t cp = next_code_point(text, i);
    if (!m.visible) m.visible = !is_white_space(cp);
  }
  m.lines = text.empty() ? 0 : breaks + 1;
  return m;
}

// --- W rules -----------------------------------------------------------------------------------

void check_w101_start_backwards(const cue& c, rule_state& s) {
  if (s.have_prev && c.start < s.prev_start)
    s.findings.report(rule::start_backwards, c.line, 1,
                      "cue starts at {}, before the previous cue (line {}) starts at {}", format_timestamp(c.start),
                      s.prev_line, format_timestamp(s.prev_start));
}

void check_w102_overlap(const cue& c, rule_state& s) {
  // Two people talking at once is no timing fault in a transcript: checking speakers (the T
  // rules are on) leaves overlaps of two different named speakers alone.
  if (s.opt.rules.contains(rule::missing_speaker) && !c.speaker.empty() && !s.prev_speaker.empty() &&
      c.speaker != s.prev_speaker)
    return;
  // Two time ranges that share some time; a cue wholly before its predecessor is W101 only.
  if (s.have_prev && c.start < s.prev_end && c.end > s.prev_start)
    s.findings.report(rule::overlap, c.line, 1, "cue starts at {}, before the previous cue (line {}) ends at {}",
                      format_timestamp(c.start), s.prev_line, format_timestamp(s.prev_end));
}

void check_w107_duplicate_id(const cue& c, rule_state& s) {
  if (c.id.empty()) return;
  const std::size_t line = c.id_line ? c.id_line : c.line;
  if (const auto first = s.ids.add(c.id, line)) {
    if (*first)
      s.findings.report(rule::duplicate_id, line, 1, "cue id {} already used on line {}", quoted(c.id), *first);
    else s.findings.report(rule::duplicate_id, line, 1, "cue id {} already used earlier in the file", quoted(c.id));
  }
}

void check_w108_empty_cue(const cue& c, rule_state& s) {
  if (!s.text.visible) s.findings.report(rule::empty_cue, c.line, 1, "cue has no text");
}

// --- S rules -----------------------------------------------------------------------------------

void check_s201_line_too_long(const cue& c, rule_state& s) {
  if (s.opt.max_line_length == 0) return;  // 0: no limit, as for every maximum
  const std::string_view text = c.text;
  std::size_t line_chars = 0, line_index = 0;
  auto end_line = [&] {
    if (line_chars > s.opt.max_line_length) {
      // Plain-text line i is payload line i: tags never hold a line break in practice, and the
      // clamp keeps the position inside the cue if one does.
      const auto payload_lines = static_cast<std::size_t>(std::count(c.payload.begin(), c.payload.end(), '\n'));
      s.findings.report(rule::line_too_long, c.line + 1 + std::min(line_index, payload_lines), 1,
                        "line of {} characters; maximum {}", line_chars, s.opt.max_line_length);
    }
    ++line_index;
    line_chars = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      end_line();
      ++i;
      continue;
    }
    ++line_chars;
    (void)next_code_point(text, i);
  }
  if (!text.empty()) end_line();
}

void check_s202_too_many_lines(const cue& c, rule_state& s) {
  if (s.opt.max_lines != 0 && s.text.lines > s.opt.max_lines)
    s.findings.report(rule::too_many_lines, c.line, 1, "cue has {} lines of text; maximum {}", s.text.lines,
                      s.opt.max_lines);
}

void check_s203_reading_speed(const cue& c, rule_state& s) {
  const millis duration = c.end - c.start;
  const std::size_t chars = s.text.chars;
  if (s.opt.max_cps > 0 && duration > 0 && chars > 0 &&
      static_cast<double>(chars) * 1000.0 > s.opt.max_cps * static_cast<double>(duration))
    s.findings.report(rule::reading_speed, c.line, 1, "{} characters in {} s: {:.1f} per second; maximum {:g}", chars,
                      seconds(duration), static_cast<double>(chars) * 1000.0 / static_cast<double>(duration),
                      s.opt.max_cps);
}

void check_s204_too_short(const cue& c, rule_state& s) {
  const millis duration = c.end - c.start;
  if (duration > 0 && duration < s.opt.min_duration)
    s.findings.report(rule::too_short, c.line, 1, "cue lasts {} s; minimum {} s", seconds(duration),
                      seconds(s.opt.min_duration));
}

void check_s205_too_long(const cue& c, rule_state& s) {
  const millis duration = c.end - c.start;
  if (s.opt.max_duration != 0 && duration > s.opt.max_duration)
    s.findings.report(rule::too_long, c.line, 1, "cue lasts {} s; maximum {} s", seconds(duration),
                      seconds(s.opt.max_duration));
}

void check_s206_gap_too_small(const cue& c, rule_state& s) {
  if (!s.have_prev) return;
  const millis gap = c.start - s.prev_end;
  if (gap > 0 && gap < s.opt.min_gap)
    s.findings.report(rule::gap_too_small, c.line, 1, "{} ms gap after the previous cue (line {}); minimum {} ms", gap,
                      s.prev_line, s.opt.min_gap);
}

// --- T rules -----------------------------------------------------------------------------------

void check_t301_missing_speaker(const cue& c, rule_state& s) {
  auto& p = s.presence;
  if (c.speaker.empty()) {
    if (!s.text.visible) return;  // an empty cue: W108 says enough
    if (p.seen) s.findings.report(rule::missing_speaker, c.line, 1, missing_speaker_message);
    else p.speakerless.push_back(c.line);
    return;
  }
  if (p.seen) return;
  // The first speaker settles T301 for the cues before it: each one without a speaker is a
  // finding.
  p.seen = true;
  if (p.speakerless.empty()) return;
  s.findings.add_run(rule::missing_speaker, p.speakerless, missing_speaker_message);
  std::vector<std::size_t>().swap(p.speakerless);  // may have been large: give the memory back
}

void check_t302_inconsistent_speaker(const cue& c, rule_state& s) {
  // The speaker as the parser read it: the annotation of the first <v> start tag, references
  // decoded and white space collapsed.
  const std::string_view label = c.speaker;
  if (label.empty()) return;
  auto& sp = s.spellings;
  if (sp.last_first == nullptr || label != sp.last_label) {
    label_key(label, sp.key);
    auto it = sp.firsts.find(std::string_view{sp.key});
    if (it == sp.firsts.end())
      it = sp.firsts.emplace(sp.key, speaker_spellings::first_label{std::string(label), c.line}).first;
    sp.last_first = &it->second;  // node-based map: the pointer survives later insertions
    sp.last_label.assign(label);
  }
  if (sp.last_first->spelling == label) return;
  // At the <v> tag, where the parser found it; a speaker that did not come from the payload
  // (a library user's cue) at the timing line.
  summarize_cue_text(c.payload, sp.scratch);
  const auto [line, column] = sp.scratch.has_voice && sp.scratch.speaker == label
                                  ? payload_position(c, sp.scratch.voice_offset)
                                  : std::pair{c.line, std::size_t{1}};
  s.findings.report(rule::inconsistent_speaker, line, column,
                    "speaker {} differs only in case or white space from {} (line {})", quoted(label),
                    quoted(sp.last_first->spelling), sp.last_first->line);
}

// T303 and T304 share one detector (speaker_joints): it sees each cue once, through whichever of
// the two checks runs first.

void check_t303_suspicious_speaker_change(const cue& c, rule_state& s) { s.joints.push(c); }

void check_t304_short_interjection(const cue& c, rule_state& s) {
  if (!s.findings.enabled(rule::suspicious_speaker_change)) s.joints.push(c);
}

}  // namespace vttkit::detail
