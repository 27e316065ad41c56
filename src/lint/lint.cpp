// Lint (see lint.hpp): rule selection, the cue-stream rules, and ordering the findings.
#include <vttkit/lint.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include <vttkit/parse.hpp>

#include "text/message_text.hpp"

namespace vttkit {
namespace {

// --------------------------------------------------------------------------------------------
// Characters
// --------------------------------------------------------------------------------------------

constexpr bool is_ascii_space(unsigned char b) noexcept {
  return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

/// Unicode White_Space outside ASCII: what a viewer would also see as nothing.
constexpr bool is_unicode_space(char32_t cp) noexcept {
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/// Decodes the code point at `s[i]` and advances `i`. The parser hands out valid UTF-8 (it
/// repairs the input), so this only guards against running off the end.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
  const auto lead = static_cast<unsigned char>(s[i++]);
  if (lead < 0x80) return lead;
  std::size_t extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  char32_t cp = extra == 3 ? (lead & 0x07u) : extra == 2 ? (lead & 0x0Fu) : (lead & 0x1Fu);
  for (; extra > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; --extra, ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3Fu);
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  auto byte = [](char32_t v) { return static_cast<char>(static_cast<unsigned char>(v)); };
  if (cp < 0x80) {
    out += byte(cp);
  } else if (cp < 0x800) {
    out += byte(0xC0 | (cp >> 6));
    out += byte(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += byte(0xE0 | (cp >> 12));
    out += byte(0x80 | ((cp >> 6) & 0x3F));
    out += byte(0x80 | (cp & 0x3F));
  } else {
    out += byte(0xF0 | (cp >> 18));
    out += byte(0x80 | ((cp >> 12) & 0x3F));
    out += byte(0x80 | ((cp >> 6) & 0x3F));
    out += byte(0x80 | (cp & 0x3F));
  }
}

/// Simple lower-casing for the scripts speaker names are usually written in (Latin, Greek,
/// Cyrillic); other code points compare as written. Enough to tell "Speaker 1" from
/// "SPEAKER 1" without a Unicode table.
constexpr char32_t fold_case(char32_t cp) noexcept {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) ||
      (cp >= 0x410 && cp <= 0x42F))
    return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1u;  // pairs: even upper
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp & 1u) ? cp + 1 : cp;  // odd upper
  if (cp == 0x178) return 0xFF;
  return cp;
}

/// The key under which speaker labels count as the same: case folded, white space removed
/// (so "Speaker 1", "SPEAKER  1" and "Speaker1" meet). Written into `key`, reusing its capacity.
void label_key(std::string_view label, std::string& key) {
  key.clear();
  for (std::size_t i = 0; i < label.size();) {
    const char32_t cp = next_code_point(label, i);
    if ((cp < 0x80 && is_ascii_space(static_cast<unsigned char>(cp))) || is_unicode_space(cp)) continue;
    append_utf8(key, fold_case(cp));
  }
}

/// The white space that ends a tag name or class list in the cue text tokenizer.
constexpr bool is_tag_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\f'; }

/// The first `<v>` start tag of a payload: where its '<' is, and its annotation as written
/// (ends trimmed, inner white space and references untouched). The parser's speaker has its
/// white space collapsed, which would hide exactly what T302 looks for.
struct voice_tag {
  std::size_t offset = std::string_view::npos;
  std::string_view label;
};

voice_tag first_voice_tag(std::string_view p) noexcept {
  for (auto at = p.find("<v"); at != std::string_view::npos; at = p.find("<v", at + 1)) {
    auto i = at + 2;
    if (i < p.size() && !is_tag_space(p[i]) && p[i] != '.' && p[i] != '>') continue;  // <vx> is another tag
    const auto content = p.substr(i, std::min(p.find('>', i), p.size()) - i);
    i = 0;
    if (i < content.size() && content[i] == '.')
      while (i < content.size() && !is_tag_space(content[i])) ++i;  // classes
    auto label = i < content.size() ? content.substr(i + 1) : std::string_view{};
    while (!label.empty() && is_ascii_space(static_cast<unsigned char>(label.front()))) label.remove_prefix(1);
    while (!label.empty() && is_ascii_space(static_cast<unsigned char>(label.back()))) label.remove_suffix(1);
    return {at, label};
  }
  return {};
}

/// Text quoted in a message: "text", short and printable.
std::string quoted(std::string_view s) { return '"' + detail::message_snippet(s) + '"'; }

constexpr std::string_view missing_speaker_message = "cue has no speaker, but other cues in this file have one";

/// Seconds with millisecond precision, for messages ("0.300").
std::string seconds(millis ms) { return fmt::format("{}.{:03}", ms / 1000, ms % 1000); }

/// Ordering of findings: line, column, then catalogue order.
bool before(const diagnostic& a, const diagnostic& b) noexcept {
  if (a.line != b.line) return a.line < b.line;
  if (a.column != b.column) return a.column < b.column;
  return a.rule < b.rule;
}

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

template <typename Value>
using string_map = std::unordered_map<std::string, Value, string_hash, std::equal_to<>>;

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

/// The cue ids seen so far (W107). Numbered ids, the common case (1, 2, 3 ...), are kept as
/// ranges, so a file numbered from 1 to a million costs one range, not a million strings;
/// other ids are kept as strings with the line of their first use.
class id_registry {
 public:
  /// Records `id`; when it was seen before, returns the line of its first use (0 when that is
  /// not kept, for numbered ids).
  std::optional<std::size_t> add(std::string_view id, std::size_t line) {
    if (const auto n = as_number(id)) return add_number(*n) ? std::nullopt : std::optional<std::size_t>{0};
    if (const auto it = others_.find(id); it != others_.end()) return it->second;
    others_.emplace(id, line);
    return std::nullopt;
  }

 private:
  /// The value of an id written as a plain decimal number ("7", not "07" or "+7"): only those
  /// are the same id exactly when their values are equal.
  static std::optional<std::uint64_t> as_number(std::string_view id) noexcept {
    if (id.empty() || id.size() > 19 || (id.size() > 1 && id[0] == '0')) return std::nullopt;
    std::uint64_t n = 0;
    for (const char ch : id) {
      if (ch < '0' || ch > '9') return std::nullopt;
      n = n * 10 + static_cast<std::uint64_t>(ch - '0');
    }
    return n;  // at most 19 digits: below 2^64 - 1, so n + 1 below cannot overflow
  }

  /// False when `n` was seen before; else records it, merging with the ranges it touches.
  bool add_number(std::uint64_t n) {
    auto next = ranges_.upper_bound(n);  // the first range starting after n
    if (next != ranges_.begin()) {
      const auto prev = std::prev(next);
      if (prev->second >= n) return false;
      if (prev->second + 1 == n) {  // the usual case: the next number in sequence
        prev->second = n;
        if (next != ranges_.end() && next->first == n + 1) {
          prev->second = next->second;
          ranges_.erase(next);
        }
        return true;
      }
    }
    if (next != ranges_.end() && next->first == n + 1) {
      const auto last = next->second;
      ranges_.emplace_hint(ranges_.erase(next), n, last);
      return true;
    }
    ranges_.emplace_hint(next, n, n);
    return true;
  }

  std::map<std::uint64_t, std::uint64_t> ranges_;  ///< first -> last; disjoint, never touching
  string_map<std::size_t> others_;
};

}  // namespace

// ----------------------------------------------------------------------------------------------
// Rule selection
// ----------------------------------------------------------------------------------------------

std::span<const lint_profile_info> lint_profiles() noexcept {
  static constexpr std::array<lint_profile_info, 3> table{{
      {lint_profile::standard, "default", "E and W rules"},
      {lint_profile::subtitle, "subtitle", "adds the S rules: line length, reading speed, durations, gaps"},
      {lint_profile::transcript, "transcript", "adds the T rules: speaker labels"},
  }};
  return table;
}

std::optional<lint_profile> parse_lint_profile(std::string_view name) noexcept {
  if (name == "default" || name == "standard") return lint_profile::standard;
  if (name == "subtitle") return lint_profile::subtitle;
  if (name == "transcript") return lint_profile::transcript;
  return std::nullopt;
}

rule_set profile_rules(lint_profile profile) noexcept {
  rule_set s;
  for (const auto& r : all_rules()) {
    const char family = r.id.front();
    if (family == 'E' || family == 'W' || (family == 'S' && profile == lint_profile::subtitle) ||
        (family == 'T' && profile == lint_profile::transcript))
      s.add(r.rule);
  }
  return s;
}

std::optional<rule_set> rules_matching(std::string_view selector) noexcept {
  if (selector.empty()) return std::nullopt;
  if (const auto r = find_rule(selector)) {
    rule_set s;
    s.add(*r);
    return s;
  }
  // A prefix of ids: a family letter, optionally followed by digits ("W", "S20").
  rule_set s;
  for (const auto& r : all_rules()) {
    if (selector.size() < r.id.size() && iequals(r.id.substr(0, selector.size()), selector)) s.add(r.rule);
  }
  if (s.empty()) return std::nullopt;
  return s;
}

bool resolve_rules(lint_profile profile, std::span<const std::string> select, std::span<const std::string> ignore,
                   rule_set& out, std::string& error) {
  // Each entry may list several selectors: "E,W102".
  auto collect = [&error](std::span<const std::string> entries, rule_set& into, bool& any) {
    for (const std::string_view entry : entries) {
      for (std::size_t pos = 0; pos <= entry.size();) {
        const auto comma = std::min(entry.find(',', pos), entry.size());
        auto token = entry.substr(pos, comma - pos);
        pos = comma + 1;
        while (!token.empty() && std::isspace(static_cast<unsigned char>(token.front()))) token.remove_prefix(1);
        while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.remove_suffix(1);
        if (token.empty()) continue;  // "E,W," or "E, W": stray separators are harmless
        const auto rules = rules_matching(token);
        if (!rules) {
          error = fmt::format("unknown rule '{}' (expected an id like W103, a name like short-hours, or a "
                              "letter E, W, S or T)",
                              token);
          return false;
        }
        into |= *rules;
        any = true;
      }
    }
    return true;
  };
  rule_set selected, ignored;
  bool any_selected = false, any_ignored = false;
  if (!collect(select, selected, any_selected) || !collect(ignore, ignored, any_ignored)) return false;
  out = any_selected ? selected : profile_rules(profile);
  out -= ignored;
  return true;
}

// ----------------------------------------------------------------------------------------------
// The linter
// ----------------------------------------------------------------------------------------------

struct linter::impl {
  impl(lint_options o, diagnostic_sink sink) : opt(std::move(o)), out(std::move(sink)) {
    const auto& r = opt.rules;
    scan_text = r.contains(rule::line_too_long) || r.contains(rule::too_many_lines) ||
                r.contains(rule::reading_speed);
  }

  lint_options opt;
  diagnostic_sink out;
  bool scan_text = false;  ///< some S rule needs the text's code points counted

  // Findings not handed out yet, sorted; slots [0, held) are live. Slots past `held` keep their
  // message's capacity, so a file with a finding on every cue allocates nothing per finding.
  std::vector<diagnostic> pending;
  std::size_t held = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;

  // The cue before (W101, W102, S206).
  bool have_prev = false;
  millis prev_start = 0;
  millis prev_end = 0;
  std::size_t prev_line = 0;

  // W107
  id_registry ids;

  // T301: until a cue with a speaker shows up, whether speakerless cues count is unknown; their
  // timing lines wait here, and findings at or after the first of them are held back.
  bool speaker_seen = false;
  std::vector<std::size_t> speakerless;

  // T302: the first spelling of each label key, with its line. Labels are few (the speakers of
  // one file), so this stays small whatever the file's length.
  struct first_label {
    std::string spelling;
    std::size_t line = 0;
  };
  string_map<first_label> labels;
  std::string last_label;                   ///< the last label checked (a run of one speaker skips the lookup)
  const first_label* last_first = nullptr;  ///< the first spelling of its key
  std::string key;                          ///< scratch for label keys

  [[nodiscard]] bool enabled(rule r) const noexcept { return opt.rules.contains(r); }
  [[nodiscard]] bool holding() const noexcept {
    return enabled(rule::missing_speaker) && !speaker_seen && !speakerless.empty();
  }

  /// A fresh slot at the end of the pending findings, message cleared.
  diagnostic& slot(rule r, std::size_t line, std::size_t column) {
    if (held == pending.size()) pending.emplace_back();
    auto& d = pending[held++];
    d.rule = r;
    d.line = line;
    d.column = column;
    d.message.clear();
    return d;
  }

  /// Moves the last slot back to its sorted place (findings mostly arrive in order, so this is
  /// usually no move at all). Swaps keep each slot's string capacity.
  void settle_last() noexcept {
    for (std::size_t i = held - 1; i > 0 && before(pending[i], pending[i - 1]); --i)
      std::swap(pending[i], pending[i - 1]);
  }

  template <typename... Args>
  void report(rule r, std::size_t line, std::size_t column, fmt::format_string<Args...> format, Args&&... args) {
    if (!enabled(r)) return;
    auto& d = slot(r, line, column);
    fmt::format_to(std::back_inserter(d.message), format, std::forward<Args>(args)...);
    settle_last();
  }

  static constexpr std::size_t everything = static_cast<std::size_t>(-1);

  /// Hands out the findings on lines before `line`.
  void flush(std::size_t line) {
    std::size_t n = 0;
    while (n < held && pending[n].line < line) {
      const auto& d = pending[n++];
      ++(d.info().severity == severity::error ? errors : warnings);
      if (out) out(d);
    }
    if (n == 0) return;
    if (n < held) std::rotate(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n),
                              pending.begin() + static_cast<std::ptrdiff_t>(held));
    held -= n;
    // After a long hold (T301) the slots would keep their memory to the end of the file; a few
    // dozen are all the steady state needs.
    if (held == 0 && pending.size() > 1024) {
      pending.resize(64);
      pending.shrink_to_fit();
    }
  }

  /// The first speaker settles T301 for the cues before it: each one without a speaker is a
  /// finding. They arrive in line order, so one merge puts them in place.
  void release_speakerless() {
    const auto old = static_cast<std::ptrdiff_t>(held);
    for (const auto line : speakerless)
      slot(rule::missing_speaker, line, 1).message = missing_speaker_message;
    std::inplace_merge(pending.begin(), pending.begin() + old, pending.begin() + static_cast<std::ptrdiff_t>(held),
                       before);
    std::vector<std::size_t>().swap(speakerless);  // may have been large: give the memory back
  }

  void check_timing(const cue& c) {
    if (have_prev) {
      if (c.start < prev_start)
        report(rule::start_backwards, c.line, 1, "cue starts at {}, before the previous cue (line {}) starts at {}",
               format_timestamp(c.start), prev_line, format_timestamp(prev_start));
      // Two time ranges that share some time; a cue wholly before its predecessor is W101 only.
      if (c.start < prev_end && c.end > prev_start)
        report(rule::overlap, c.line, 1, "cue starts at {}, before the previous cue (line {}) ends at {}",
               format_timestamp(c.start), prev_line, format_timestamp(prev_end));
      const millis gap = c.start - prev_end;
      if (gap > 0 && gap < opt.min_gap)
        report(rule::gap_too_small, c.line, 1, "{} ms gap after the previous cue (line {}); minimum {} ms", gap,
               prev_line, opt.min_gap);
    }
    have_prev = true;
    prev_start = c.start;
    prev_end = c.end;
    prev_line = c.line;

    const millis duration = c.end - c.start;
    if (duration > 0 && duration < opt.min_duration)
      report(rule::too_short, c.line, 1, "cue lasts {} s; minimum {} s", seconds(duration), seconds(opt.min_duration));
    if (duration > opt.max_duration)
      report(rule::too_long, c.line, 1, "cue lasts {} s; maximum {} s", seconds(duration), seconds(opt.max_duration));
  }

  void check_id(const cue& c) {
    if (c.id.empty() || !enabled(rule::duplicate_id)) return;
    const std::size_t line = c.id_line ? c.id_line : c.line;
    if (const auto first = ids.add(c.id, line)) {
      if (*first) report(rule::duplicate_id, line, 1, "cue id {} already used on line {}", quoted(c.id), *first);
      else report(rule::duplicate_id, line, 1, "cue id {} already used earlier in the file", quoted(c.id));
    }
  }

  /// W108, S201, S202, S203. Returns whether the cue has any visible text.
  bool check_text(const cue& c) {
    const std::string_view text = c.text;
    bool blank = true;
    if (!scan_text) {
      // Only the blank test: stop at the first visible character.
      for (std::size_t i = 0; i < text.size() && blank;) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
          blank = is_ascii_space(b);
          ++i;
        } else {
          blank = is_unicode_space(next_code_point(text, i));
        }
      }
    } else {
      std::size_t chars = 0, line_chars = 0, line_index = 0;
      auto end_line = [&] {
        if (line_chars > opt.max_line_length) {
          // Plain-text line i is payload line i: tags never hold a line break in practice, and
          // the clamp keeps the position inside the cue if one does.
          const auto payload_lines = static_cast<std::size_t>(std::count(c.payload.begin(), c.payload.end(), '\n'));
          report(rule::line_too_long, c.line + 1 + std::min(line_index, payload_lines), 1,
                 "line of {} characters; maximum {}", line_chars, opt.max_line_length);
        }
        ++line_index;
        line_chars = 0;
      };
      for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b == '\n') {
          end_line();
          ++i;
          continue;
        }
        ++chars;
        ++line_chars;
        if (b < 0x80) {
          if (blank) blank = is_ascii_space(b);
          ++i;
        } else {
          const char32_t cp = next_code_point(text, i);
          if (blank) blank = is_unicode_space(cp);
        }
      }
      if (!text.empty()) end_line();
      if (line_index > opt.max_lines)
        report(rule::too_many_lines, c.line, 1, "cue has {} lines of text; maximum {}", line_index, opt.max_lines);
      const millis duration = c.end - c.start;
      if (duration > 0 && chars > 0 &&
          static_cast<double>(chars) * 1000.0 > opt.max_cps * static_cast<double>(duration)) {
        report(rule::reading_speed, c.line, 1, "{} characters in {} s: {:.1f} per second; maximum {:g}", chars,
               seconds(duration), static_cast<double>(chars) * 1000.0 / static_cast<double>(duration), opt.max_cps);
      }
    }
    if (blank) report(rule::empty_cue, c.line, 1, "cue has no text");
    return !blank;
  }

  /// The line and code point column of byte `offset` of a cue's payload.
  static std::pair<std::size_t, std::size_t> payload_position(const cue& c, std::size_t offset) {
    const std::string_view before_it = std::string_view{c.payload}.substr(0, offset);
    const auto nl = before_it.rfind('\n');
    const auto line_start = nl == std::string_view::npos ? 0 : nl + 1;
    std::size_t column = 1;
    for (std::size_t i = line_start; i < offset; ++i)
      column += (static_cast<unsigned char>(c.payload[i]) & 0xC0) != 0x80;
    return {c.line + 1 + static_cast<std::size_t>(std::count(before_it.begin(), before_it.end(), '\n')), column};
  }

  void check_speaker(const cue& c, bool visible) {
    if (c.speaker.empty()) {
      if (!visible || !enabled(rule::missing_speaker)) return;
      if (speaker_seen) report(rule::missing_speaker, c.line, 1, missing_speaker_message);
      else speakerless.push_back(c.line);
      return;
    }
    if (!speaker_seen) {
      speaker_seen = true;
      if (!speakerless.empty()) release_speakerless();
    }
    if (!enabled(rule::inconsistent_speaker)) return;
    // The label as written; a speaker that did not come from a <v> tag (a library user's
    // cue) is taken as it is.
    const auto tag = first_voice_tag(c.payload);
    const std::string_view label = tag.offset != std::string_view::npos ? tag.label : std::string_view{c.speaker};
    if (last_first == nullptr || label != last_label) {
      label_key(label, key);
      auto it = labels.find(std::string_view{key});
      if (it == labels.end()) it = labels.emplace(key, first_label{std::string(label), c.line}).first;
      last_first = &it->second;  // node-based map: the pointer survives later insertions
      last_label.assign(label);
    }
    if (last_first->spelling != label) {
      const auto [line, column] =
          tag.offset != std::string_view::npos ? payload_position(c, tag.offset) : std::pair{c.line, std::size_t{1}};
      report(rule::inconsistent_speaker, line, column,
             "speaker {} differs only in case or white space from {} (line {})", quoted(label),
             quoted(last_first->spelling), last_first->line);
    }
  }

  void add_cue(const cue& c) {
    // Nothing earlier than this cue can turn up any more: the parser has reported what it found
    // up to here, and later cues only produce findings at their own lines.
    if (!holding()) flush(c.id_line ? std::min(c.id_line, c.line) : c.line);
    check_id(c);
    check_timing(c);
    const bool visible = check_text(c);
    check_speaker(c, visible);
  }

  void finish() {
    // No speaker anywhere: a transcript without labels is consistent, so no T301.
    std::vector<std::size_t>().swap(speakerless);
    flush(everything);
  }
};

linter::linter(lint_options options, diagnostic_sink out)
    : impl_(std::make_unique<impl>(std::move(options), std::move(out))) {}
linter::linter(linter&&) noexcept = default;
linter& linter::operator=(linter&&) noexcept = default;
linter::~linter() = default;

void linter::add_diagnostic(const diagnostic& d) {
  auto& s = *impl_;
  if (!s.enabled(d.rule)) return;
  s.slot(d.rule, d.line, d.column).message.assign(d.message);
  s.settle_last();
}

void linter::add_cue(const cue& c) { impl_->add_cue(c); }
void linter::finish() { impl_->finish(); }
std::size_t linter::error_count() const noexcept { return impl_->errors; }
std::size_t linter::warning_count() const noexcept { return impl_->warnings; }

lint_summary lint(byte_source& source, const lint_options& options, const diagnostic_sink& out) {
  linter l{options, out};
  parse_options po;
  po.format = input_format::vtt;  // lint reads WebVTT: a SubRip file is a file without a signature
  // The parser's diagnostics cost work per cue; ask only for the wanted ones.
  const auto& r = options.rules;
  po.rules = r;
  po.threads = options.threads;
  po.warnings = r.contains(rule::short_hours) || r.contains(rule::bad_setting) || r.contains(rule::bad_tag) ||
                r.contains(rule::bad_entity);
  po.on_diagnostic = [&l](const diagnostic& d) { l.add_diagnostic(d); };
  reader in{source, std::move(po)};
  while (in.next()) {
    if (in.kind() == item_kind::cue) l.add_cue(in.cue());
  }
  l.finish();
  return {l.error_count(), l.warning_count(), in.read_error()};
}

std::vector<diagnostic> lint(std::string_view bytes, const lint_options& options) {
  std::vector<diagnostic> found;
  memory_source source{bytes};
  (void)lint(source, options, [&found](const diagnostic& d) { found.push_back(d); });
  return found;
}

}  // namespace vttkit
