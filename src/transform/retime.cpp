// Times changed linearly: shift, scale and cut (docs/commands.md).
#include <algorithm>
#include <cmath>

#include <vttkit/transform.hpp>

namespace vttkit {
namespace {

/// Times stay within what a double holds exactly.
constexpr double max_time = 9007199254740992.0;  // 2^53

}  // namespace

millis retime_options::map(millis t) const noexcept {
  const double mapped = std::clamp(factor * static_cast<double>(t) + offset, -max_time, max_time);
  return static_cast<millis>(std::llround(mapped));
}

bool retimer::apply(cue& c) {
  earliest_ = seen_ ? std::min(earliest_, c.start) : c.start;
  latest_ = seen_ ? std::max(latest_, c.end) : c.end;
  seen_ = true;
  if (!transform(c)) return false;
  ++kept_;
  return true;
}

bool retimer::transform(cue& c) {
  bool trimmed = false;
  if (options_.ranged) {
    if (c.start >= options_.range_end || c.end <= options_.range_start) {
      ++outside_;
      return false;
    }
    trimmed = c.start < options_.range_start || c.end > options_.range_end;
    c.start = std::max(c.start, options_.range_start);
    c.end = std::min(c.end, options_.range_end);
  }
  const millis low = c.start, high = c.end;  // inline timestamps of a trimmed cue stay within
  const bool changed = c.start >= options_.from;
  if (!changed && !trimmed) return true;
  if (changed) {
    c.start = options_.map(c.start);
    c.end = options_.map(c.end);
    if (c.end <= 0) {
      if (dropped_++ == 0) first_dropped_line_ = c.line;
      return false;
    }
    if (c.start < 0) {
      c.start = 0;
      ++clipped_;
    }
  }
  retime_payload(c, trimmed, low, high, changed);
  return true;
}

void retimer::retime_payload(cue& c, bool trimmed, millis low, millis high, bool changed) {
  if (!has_inline_timestamps(c.payload)) return;
  const std::string_view in = c.payload;
  scratch_.clear();
  std::size_t copied = 0;
  for (std::size_t i = in.find('<'); i != std::string_view::npos; i = in.find('<', i + 1)) {
    const auto ts = collect_timestamp(in.substr(i + 1));
    const std::size_t close = i + 1 + ts.length;
    if (!ts.ok || close >= in.size() || in[close] != '>') continue;
    millis t = trimmed ? std::clamp(ts.value, low, std::max(low, high)) : ts.value;
    if (changed) t = std::max<millis>(options_.map(t), 0);
    scratch_.append(in.substr(copied, i + 1 - copied));
    append_timestamp(scratch_, t);
    copied = close;
    i = close;
  }
  scratch_.append(in.substr(copied));
  c.payload.swap(scratch_);
}

std::vector<cue> retime(std::span<const cue> cues, retime_options options) {
  retimer stage{options};
  std::vector<cue> out;
  for (const cue& c : cues) {
    cue copy = c;
    if (stage.apply(copy)) out.push_back(std::move(copy));
  }
  return out;
}

}  // namespace vttkit
