// Roll-up captions: each line once (docs/transcripts.md, "Roll-up captions").
//
// A roll-up cue shows again the last lines of the cue before it, then its new line; YouTube's
// automatic captions add a 10 ms "hold" cue between them that repeats the new line alone. The
// filter compares each cue's non-blank lines, white space collapsed, with those of the cue
// before it and hands on only what is new. It holds two cues' lines, or the probe's cues while
// it decides, so memory stays bounded.
#include <algorithm>
#include <array>
#include <utility>

#include <vttkit/transform.hpp>

#include "transform/sentences.hpp"

namespace vttkit {
namespace {

constexpr std::size_t npos = std::string_view::npos;

constexpr std::array rollup_table{
    rollup_mode_info{rollup_mode::automatic, "auto", "rebuild roll-up captions when the input has their shape"},
    rollup_mode_info{rollup_mode::on, "on", "take the input as roll-up captions"},
    rollup_mode_info{rollup_mode::off, "off", "keep every line as written"},
};

/// Calls `f(line)` for each line of `text` (split at LF).
template <class F>
void for_each_line(std::string_view text, F&& f) {
  for (std::size_t pos = 0;;) {
    const std::size_t nl = text.find('\n', pos);
    f(text.substr(pos, nl == npos ? npos : nl - pos));
    if (nl == npos) return;
    pos = nl + 1;
  }
}

/// The non-blank lines of `text`, white space collapsed, into `keys` (reusing their strings),
/// and the number of each within the text into `lines` when given.
void line_keys(std::string_view text, std::vector<std::string>& keys, std::vector<std::size_t>* lines) {
  std::size_t n = 0;
  std::size_t number = 0;
  if (lines) lines->clear();
  for_each_line(text, [&](std::string_view line) {
    if (keys.size() <= n) keys.emplace_back();
    keys[n].clear();
    if (detail::append_words(keys[n], line) > 0) {
      if (lines) lines->push_back(number);
      ++n;
    }
    ++number;
  });
  keys.resize(n);
}

/// Whether the collapsed `line` starts with the words of the collapsed `head`.
bool starts_with_words(std::string_view line, std::string_view head) noexcept {
  return !head.empty() && line.starts_with(head) && (line.size() == head.size() || line[head.size()] == ' ');
}

/// The largest k such that the first k of `now` equal the last k of `before`.
std::size_t overlap(const std::vector<std::string>& before, const std::vector<std::string>& now) {
  for (std::size_t k = std::min(before.size(), now.size()); k > 0; --k) {
    if (std::equal(now.begin(), now.begin() + static_cast<std::ptrdiff_t>(k),
                   before.end() - static_cast<std::ptrdiff_t>(k)))
      return k;
  }
  return 0;
}

/// The offset in `line` after its first `words` words and the white space after them.
std::size_t after_words(std::string_view line, std::size_t words) {
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < line.size()) {
      const std::size_t n = detail::space_length(line, i);
      if (n == 0) break;
      i += n;
    }
  };
  skip_space();
  for (; words > 0 && i < line.size(); --words) {
    while (i < line.size() && detail::space_length(line, i) == 0) ++i;
    skip_space();
  }
  return i;
}

/// `text`'s lines, split at LF.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for_each_line(text, [&](std::string_view line) { lines.push_back(line); });
  return lines;
}

/// Whether `line` (a payload line, 0-based) is among `kept` (ascending).
bool is_kept(const std::vector<std::size_t>& kept, std::size_t first, std::size_t line) {
  return std::binary_search(kept.begin() + static_cast<std::ptrdiff_t>(first), kept.end(), line);
}

}  // namespace

std::span<const rollup_mode_info> rollup_modes() noexcept { return rollup_table; }

rollup_filter::rollup_filter(rollup_mode mode, cue_handler out)
    : state_(mode == rollup_mode::automatic ? state::probing
             : mode == rollup_mode::on      ? state::rolling
                                            : state::passing),
      out_(std::move(out)) {}

void rollup_filter::push(const cue& c) {
  switch (state_) {
    case state::passing: out_(c); return;
    case state::rolling: dedupe(c); return;
    case state::probing:
      probe_.push_back(c);
      if (probe_.size() >= probe_cues) decide();
      return;
  }
}

void rollup_filter::finish() {
  if (state_ == state::probing) decide();
}

void rollup_filter::decide() {
  std::size_t pairs = 0;
  std::size_t repeats = 0;
  std::vector<std::string> before;
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < probe_.size(); ++i) {
    line_keys(probe_[i].text, keys, nullptr);
    // Cues that show the same lines say nothing: subtitles repeat a cue too ("[music]").
    if (i > 0 && keys != before) {
      ++pairs;
      if (!before.empty() && !keys.empty() && starts_with_words(keys.front(), before.back())) ++repeats;
    }
    std::swap(before, keys);
  }
  state_ = repeats >= 2 && 2 * repeats >= pairs ? state::rolling : state::passing;
  const std::vector<cue> held = std::exchange(probe_, {});
  for (const cue& c : held) push(c);
}

void rollup_filter::dedupe(const cue& c) {
  line_keys(c.text, current_, &current_lines_);
  if (current_.empty()) return;  // nothing shown: a blank cue of a roll-up stream goes
  const std::size_t k = overlap(previous_, current_);
  // A line that grows: "so the" then "so the first thing" (no whole line repeated).
  const std::size_t grown = k == 0 && !previous_.empty() && starts_with_words(current_.front(), previous_.back())
                                ? detail::count_words(previous_.back())
                                : 0;
  removed_ += k + (grown > 0 ? 1 : 0);
  const bool nothing_new = k == current_.size();  // a growing line is longer than the one before
  std::swap(previous_, current_);
  if (nothing_new) return;

  // The kept lines: the non-blank ones from the k-th on, the first without its grown words.
  const std::vector<std::string_view> text_lines = split_lines(c.text);
  kept_.text.clear();
  std::size_t first_kept = npos;  // offset in c.text of the first character kept
  for (std::size_t i = k; i < current_lines_.size(); ++i) {
    std::string_view line = text_lines[current_lines_[i]];
    if (i == k && grown > 0) line.remove_prefix(after_words(line, grown));
    if (first_kept == npos) first_kept = static_cast<std::size_t>(line.data() - c.text.data());
    if (!kept_.text.empty()) kept_.text += '\n';
    kept_.text.append(line);
  }
  detail::copy_cue_frame(kept_, c);
  kept_.words.clear();
  const std::size_t dropped_words = detail::count_words(std::string_view(c.text).substr(0, first_kept));
  if (!c.words.empty() && c.words.size() == detail::count_words(c.text)) {
    kept_.words.assign(c.words.begin() + static_cast<std::ptrdiff_t>(dropped_words), c.words.end());
  }

  // The payload: its kept lines as written (inline timestamps and all) when the lines removed
  // hold no markup; otherwise rebuilt from the kept text.
  const std::vector<std::string_view> payload_lines = split_lines(c.payload);
  bool rebuild = grown > 0 || payload_lines.size() != text_lines.size();
  for (std::size_t i = 0; !rebuild && i < payload_lines.size(); ++i) {
    if (!is_kept(current_lines_, k, i) && payload_lines[i].find('<') != npos) rebuild = true;
  }
  if (rebuild) {
    detail::assign_payload(kept_.payload, kept_.speaker, kept_.text);
  } else {
    kept_.payload.clear();
    for (std::size_t i = k; i < current_lines_.size(); ++i) {
      if (i > k) kept_.payload += '\n';
      kept_.payload.append(payload_lines[current_lines_[i]]);
    }
  }
  out_(kept_);
}

}  // namespace vttkit
