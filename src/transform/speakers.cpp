// Speaker transforms: renaming labels (--map), speakers from `NAME:` prefixes, per-speaker counts.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>

#include <vttkit/cue_text.hpp>
#include <vttkit/transform.hpp>

#include "transform/sentences.hpp"
#include "text/ascii.hpp"
#include "text/cue_tag.hpp"
#include "text/short_compare.hpp"

namespace vttkit {
namespace {

using detail::find_voice_tag;
using detail::space_length;
using detail::to_lower;
using detail::voice_tag;

/// `text` without white space (`space_length`: Unicode's too) at either end.
std::string_view trim_space(std::string_view text) noexcept {
  std::size_t begin = 0;
  for (std::size_t space = 0; begin < text.size() && (space = space_length(text, begin)) != 0;) begin += space;
  std::size_t end = begin;
  for (std::size_t i = begin; i < text.size();) {
    const std::size_t space = space_length(text, i);
    if (space != 0) {
      i += space;
    } else {
      end = ++i;  // continuation bytes are never white space, so this lands after a character
    }
  }
  return text.substr(begin, end - begin);
}

/// Whether `label`, trimmed, its white space collapsed and in lower case, equals `key`.
/// Compares in place, so that matching a cue's speaker allocates nothing.
bool matches_key(std::string_view label, std::string_view key) noexcept {
  std::size_t k = 0;
  bool first_word = true;
  std::size_t i = 0;
  while (i < label.size()) {
    const std::size_t space = space_length(label, i);
    if (space != 0) {
      i += space;
      continue;
    }
    if (!first_word) {
      if (k >= key.size() || key[k] != ' ') return false;
      ++k;
    }
    first_word = false;
    for (; i < label.size() && space_length(label, i) == 0; ++i, ++k) {
      if (k >= key.size() || to_lower(label[i]) != key[k]) return false;
    }
  }
  return k == key.size();
}

/// The voice a `<v>` tag names. Character references are decoded the way the parser decodes
/// them (rare, so the parser's own code runs on the tag alone rather than duplicating it).
std::string_view voice_of(std::string_view payload, const voice_tag& tag, cue_text_summary& scratch) {
  const std::string_view annotation = payload.substr(tag.annotation, tag.end - tag.annotation);
  if (annotation.find('&') == std::string_view::npos) return annotation;
  summarize_cue_text(payload.substr(tag.tag, tag.end - tag.tag), scratch);
  return scratch.speaker;
}

/// A speaker prefix found at the start of a cue's text.
struct prefix_match {
  std::size_t length = 0;  ///< bytes to remove: the prefix and the white space after it
  std::string_view name;
};

/// Bytes of a character allowed in a capitalised name at `text[i]` (0 when not allowed), and
/// whether it is a capital letter. Latin-1 capitals and the typographic apostrophe (O’BRIEN)
/// are allowed besides ASCII.
std::size_t name_char_length(std::string_view text, std::size_t i, bool& capital) noexcept {
  const char c = text[i];
  capital = detail::is_upper(c);
  if (capital || detail::is_digit(c) || c == '.' || c == '\'' || c == '-') return 1;
  const auto second = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
  if (static_cast<unsigned char>(c) == 0xC3 && second(1) >= 0x80 && second(1) <= 0x9E && second(1) != 0x97) {
    capital = true;  // U+00C0-U+00DE without U+00D7
    return 2;
  }
  return text.substr(i).starts_with("\u2019") ? 3 : 0;
}

/// The end of a prefix whose colon is at `colon`: the colon must be followed by white space
/// or the end of the text ("JOE:Hello" and "HTTP://" are no prefixes), which is removed too.
std::size_t prefix_end(std::string_view text, std::size_t colon) noexcept {
  std::size_t i = colon + 1;
  if (i < text.size() && space_length(text, i) == 0) return 0;
  while (i < text.size()) {
    const std::size_t space = space_length(text, i);
    if (space == 0) break;
    i += space;
  }
  return i;
}

/// Recognises `NAME: ` (one to three words of capitals, digits and periods with at least one
/// capital: `JOE`, `DR. SMITH`, `SPEAKER 2`) and `>> NAME: ` (any name on the line, up to five
/// words so that a sentence with a colon is not taken for one).
prefix_match match_prefix(std::string_view text) noexcept {
  constexpr std::size_t most_words_after_chevrons = 5;
  constexpr std::size_t most_capital_words = 3;
  std::size_t i = 0;
  for (std::size_t space = 0; i < text.size() && (space = space_length(text, i)) != 0;) i += space;
  if (text.substr(i).starts_with(">>")) {
    i += 2;
    const std::size_t line_end = std::min(text.find('\n', i), text.size());
    const std::size_t colon = text.find(':', i);
    if (colon >= line_end) return {};
    const std::string_view name = trim_space(text.substr(i, colon - i));
    const std::size_t words = detail::count_words(name);
    if (words == 0 || words > most_words_after_chevrons) return {};
    const std::size_t end = prefix_end(text, colon);
    return end == 0 ? prefix_match{} : prefix_match{end, name};
  }
  const std::size_t name_begin = i;
  std::size_t words = 0;
  bool any_capital = false;
  for (;;) {
    const std::size_t word_begin = i;
    bool capital = false;
    for (std::size_t n = 0; i < text.size() && (n = name_char_length(text, i, capital)) != 0; i += n) {
      any_capital = any_capital || capital;
    }
    if (i == word_begin || i == text.size()) return {};
    ++words;
    if (text[i] == ':') break;
    if (text[i] != ' ' || words == most_capital_words) return {};
    ++i;
  }
  if (!any_capital) return {};
  const std::size_t end = prefix_end(text, i);
  return end == 0 ? prefix_match{} : prefix_match{end, text.substr(name_begin, i - name_begin)};
}

/// `a + b` for b >= 0, stopping at the largest value instead of overflowing.
millis saturating_add(millis a, millis b) noexcept {
  return a > std::numeric_limits<millis>::max() - b ? std::numeric_limits<millis>::max() : a + b;
}

/// A cue's duration, 0 when it ends before it starts, without overflow for absurd times.
millis duration_of(const cue& c) noexcept {
  if (c.end <= c.start) return 0;
  const std::uint64_t span = static_cast<std::uint64_t>(c.end) - static_cast<std::uint64_t>(c.start);
  constexpr auto most = static_cast<std::uint64_t>(std::numeric_limits<millis>::max());
  return static_cast<millis>(std::min(span, most));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// speaker_map
// ---------------------------------------------------------------------------------------------

bool speaker_map::add(std::string_view old_label, std::string_view new_name) {
  std::string key;
  detail::append_words(key, old_label);
  detail::lower_in_place(key);
  std::string name;
  // Collapsed like the key, because a `<v>` annotation is collapsed when it is read back.
  detail::append_words(name, new_name);
  if (key.empty() || name.empty()) return false;
  const std::string_view given = trim_space(old_label);
  for (entry& e : entries_) {
    if (e.key == key) {  // the later mapping of a label wins, as with repeated options
      e.given = given;
      e.name = std::move(name);
      return true;
    }
  }
  entries_.push_back({std::string(given), std::move(key), std::move(name)});
  return true;
}

bool speaker_map::add_entry(std::string_view entry_text) {
  const std::size_t equals = entry_text.find('=');
  if (equals == std::string_view::npos) return false;
  return add(entry_text.substr(0, equals), entry_text.substr(equals + 1));
}

bool speaker_map::load(std::string_view text, std::size_t& error_line) {
  error_line = 0;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a BOM from Windows editors
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    ++number;
    line = trim_space(line);  // also drops the CR of CRLF files
    if (line.empty() || line.front() == '#') continue;
    if (!add_entry(line)) {
      error_line = number;
      return false;
    }
  }
  return true;
}

void speaker_map::apply(cue& c) {
  if (entries_.empty()) return;
  const auto find = [this](std::string_view label) -> entry* {
    for (entry& e : entries_) {
      if (matches_key(label, e.key)) return &e;
    }
    return nullptr;
  };
  if (entry* e = find(c.speaker); e != nullptr) {
    e->used = true;
    c.speaker = e->name;
  }

  // Each `<v>` tag is renamed by its own voice; everything else in the payload is copied as is.
  // The new payload is built in a buffer that then trades places with the cue's, so that in
  // steady state no cue allocates.
  thread_local std::string rebuilt;
  thread_local cue_text_summary decoded;
  bool changed = false;
  std::size_t copied = 0;
  for (voice_tag tag = find_voice_tag(c.payload); tag.found(); tag = find_voice_tag(c.payload, tag.end)) {
    entry* e = find(voice_of(c.payload, tag, decoded));
    if (e == nullptr) continue;
    e->used = true;
    if (!changed) rebuilt.clear();
    changed = true;
    rebuilt.append(c.payload, copied, tag.annotation - copied);
    append_escaped_cue_text(rebuilt, e->name);
    if (!e->name.empty() && e->name.back() == '-') rebuilt += ' ';  // never "-->" inside a voice tag
    copied = tag.end;
  }
  if (changed) {
    rebuilt.append(c.payload, copied);
    c.payload.swap(rebuilt);
  }
}

std::vector<std::string> speaker_map::unused_labels() const {
  std::vector<std::string> labels;
  for (const entry& e : entries_) {
    if (!e.used) labels.push_back(e.given);
  }
  return labels;
}

// ---------------------------------------------------------------------------------------------
// prefix_speakers
// ---------------------------------------------------------------------------------------------

void prefix_speakers::apply(cue& c) {
  if (!c.speaker.empty() || find_voice_tag(c.payload).found()) {
    last_ = c.speaker;  // a voiced cue is the "cue before" the next unmarked one
    return;
  }
  const prefix_match prefix = match_prefix(c.text);
  if (prefix.length != 0) {
    last_.clear();
    detail::append_words(last_, prefix.name);
    c.text.erase(0, prefix.length);
  } else if (last_.empty()) {
    return;
  }
  c.speaker = last_;
  detail::assign_payload(c.payload, c.speaker, c.text);
}

// ---------------------------------------------------------------------------------------------
// speaker_counter
// ---------------------------------------------------------------------------------------------

void speaker_counter::push(const cue& c) {
  // A linear search: transcripts have a handful of speakers, and the rows must keep their
  // first-seen order for the tie-break in result().
  auto row = std::find_if(rows_.begin(), rows_.end(), [&](const speaker_stats& r) { return r.speaker == c.speaker; });
  if (row == rows_.end()) {
    rows_.emplace_back();
    rows_.back().speaker = c.speaker;
    row = std::prev(rows_.end());
  }
  row->cues += 1;
  if (!any_ || !detail::same_bytes(c.speaker, last_speaker_)) {
    row->turns += 1;
    last_speaker_ = c.speaker;
    any_ = true;
  }
  row->words += detail::count_words(c.text);
  row->talk_time = saturating_add(row->talk_time, duration_of(c));
}

std::vector<speaker_stats> speaker_counter::result() const {
  std::vector<speaker_stats> rows = rows_;
  std::stable_sort(rows.begin(), rows.end(),
                   [](const speaker_stats& a, const speaker_stats& b) { return a.talk_time > b.talk_time; });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// make_payload
// ---------------------------------------------------------------------------------------------

std::string make_payload(std::string_view speaker, std::string_view plain) {
  std::string payload;
  detail::assign_payload(payload, speaker, plain);
  return payload;
}

}  // namespace vttkit
