// The rules the linter finds over the stream of cues (the others are the parser's
// diagnostics): one function per rule, named by its id, and the table that names them.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <vttkit/cue_text.hpp>
#include <vttkit/document.hpp>
#include <vttkit/lint.hpp>
#include <vttkit/transform.hpp>

#include "lint/finding_queue.hpp"
#include "lint/id_registry.hpp"
#include "text/string_map.hpp"

namespace vttkit::detail {

/// What the text rules need of a cue's plain text, measured in one pass.
struct text_measure {
  bool visible = false;   ///< some character is not white space
  std::size_t chars = 0;  ///< code points, line breaks excluded (when counted)
  std::size_t lines = 0;  ///< lines of text (when counted)
};

/// Measures `text`; without `count`, only `visible` (and it stops at the first visible character).
[[nodiscard]] text_measure measure_text(std::string_view text, bool count) noexcept;

/// T301: until a cue with a speaker shows up, whether speakerless cues count is unknown; their
/// timing lines wait here, and the linter holds back findings at or after the first of them.
struct speaker_presence {
  bool seen = false;
  std::vector<std::size_t> speakerless;
};

/// T302: the first spelling of each label key, with its line. Labels are few (the speakers of
/// one file), so this stays small whatever the file's length.
struct speaker_spellings {
  struct first_label {
    std::string spelling;
    std::size_t line = 0;
  };
  string_map<first_label> firsts;
  std::string last_label;                   ///< the last label checked (a run of one speaker skips the lookup)
  const first_label* last_first = nullptr;  ///< the first spelling of its key
  std::string key;                          ///< scratch for label keys
  cue_text_summary scratch;                 ///< the parser's reading of a payload, to place a finding
};

/// What the rules know while a file streams by: the options, the findings, the cue before,
/// the measure of the current cue's text, and each rule's own memory.
struct rule_state {
  rule_state(lint_options o, diagnostic_sink out)
      : opt(std::move(o)),
        findings(opt.rules, std::move(out)),
        joints({.interjection_words = opt.interjection_words},
               [this](const speaker_joint& j, std::vector<cue>&) { report_joint(j); }) {}
  rule_state(const rule_state&) = delete;  // the joint detector reports into this one
  rule_state& operator=(const rule_state&) = delete;

  /// T303, T304: a finding at the timing line of the first cue after the change.
  void report_joint(const speaker_joint& j) { findings.report(rule_of(j), j.line, 1, "{}", describe(j)); }

  lint_options opt;
  finding_queue findings;

  // The cue before (W101, W102, S206).
  bool have_prev = false;
  millis prev_start = 0;
  millis prev_end = 0;
  std::size_t prev_line = 0;
  std::string prev_speaker;  ///< W102 under the transcript profile

  text_measure text;  ///< of the current cue
  id_registry ids;    ///< W107
  speaker_presence presence;
  speaker_spellings spellings;
  speaker_joints joints;  ///< T303, T304
};

/// A rule the linter finds, and the function that checks one cue for it.
struct rule_check {
  vttkit::rule rule;
  void (*check)(const cue& c, rule_state& s);
};

/// Every rule the linter finds (rule_info::from_parser false), in catalogue order.
[[nodiscard]] std::span<const rule_check> rule_checks() noexcept;

void check_w101_start_backwards(const cue& c, rule_state& s);
void check_w102_overlap(const cue& c, rule_state& s);
void check_w107_duplicate_id(const cue& c, rule_state& s);
void check_w108_empty_cue(const cue& c, rule_state& s);
void check_s201_line_too_long(const cue& c, rule_state& s);
void check_s202_too_many_lines(const cue& c, rule_state& s);
void check_s203_reading_speed(const cue& c, rule_state& s);
void check_s204_too_short(const cue& c, rule_state& s);
void check_s205_too_long(const cue& c, rule_state& s);
void check_s206_gap_too_small(const cue& c, rule_state& s);
void check_t301_missing_speaker(const cue& c, rule_state& s);
void check_t302_inconsistent_speaker(const cue& c, rule_state& s);
void check_t303_suspicious_speaker_change(const cue& c, rule_state& s);
void check_t304_short_interjection(const cue& c, rule_state& s);

}  // namespace vttkit::detail
