// Speaker transforms: renaming labels (--map), per-speaker counts. Prefixes: prefixes.cpp.
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
// speaker_counter
// ---------------------------------------------------------------------------------------------

void speaker_counter::push(const cue& c) {
  // The usual cue has the previous cue's speaker; the others are looked up (in log time: a
  // file may have many thousands of speakers). Rows keep their first-seen order for the
  // tie-break in result().
  std::size_t row = last_row_;
  if (!any_ || rows_[row].speaker != c.speaker) {
    auto found = row_of_.find(c.speaker);
    if (found == row_of_.end()) {
      found = row_of_.emplace(c.speaker, rows_.size()).first;
      rows_.emplace_back();
      rows_.back().speaker = c.speaker;
    }
    row = found->second;
  }
  speaker_stats& r = rows_[row];
  r.cues += 1;
  if (!any_ || row != last_row_) r.turns += 1;
  last_row_ = row;
  any_ = true;
  r.words += detail::count_reading_words(c.text);
  r.talk_time = saturating_add(r.talk_time, duration_of(c));
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
