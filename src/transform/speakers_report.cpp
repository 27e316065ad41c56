// The `vtt speakers` report: the rows of a speaker_counter as a table or as JSON.
#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <vttkit/transform.hpp>

#include "text/json.hpp"
#include "text/unicode.hpp"

namespace vttkit {
namespace {

/// Each row's share of the rows' total talk time, in percent (0 when there is none). The total
/// is a double: each row's time saturates at the largest millis, and their sum may not fit.
class shares {
 public:
  explicit shares(std::span<const speaker_stats> rows) {
    for (const auto& r : rows) total_ += static_cast<double>(r.talk_time);
  }
  [[nodiscard]] double of(const speaker_stats& r) const noexcept {
    return total_ > 0 ? 100.0 * static_cast<double>(r.talk_time) / total_ : 0.0;
  }

 private:
  double total_ = 0;
};

}  // namespace

std::string speakers_json(std::span<const speaker_stats> rows) {
  const shares share{rows};
  std::string out = "{\"speakers\": [";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    out += i ? ",\n  " : "\n  ";
    out += "{\"speaker\": ";
    if (r.speaker.empty()) out += "null";
    else detail::append_json_string(out, r.speaker);
    out += fmt::format(", \"cues\": {}, \"turns\": {}, \"words\": {}, \"talk_time\": {:.3f}, \"share\": {:.2f}}}",
                       r.cues, r.turns, r.words, static_cast<double>(r.talk_time) / 1000.0, share.of(r));
  }
  out += rows.empty() ? "]}\n" : "\n]}\n";
  return out;
}

std::string speakers_table(std::span<const speaker_stats> rows) {
  const shares share{rows};
  // Names are padded by the columns they take on a terminal, not by bytes: "李明" is 4 wide.
  const auto name = [](const speaker_stats& r) { return r.speaker.empty() ? std::string_view("(none)") : r.speaker; };
  std::size_t width = 7;  // "speaker"
  for (const auto& r : rows) width = std::max(width, detail::display_width(name(r)));
  std::string out = fmt::format("{:<{}}  {:>6}  {:>6}  {:>7}  {:>10}  {:>6}\n", "speaker", width, "cues", "turns",
                                "words", "talk time", "share");
  for (const auto& r : rows) {
    const auto t = r.talk_time / 1000;
    out += name(r);
    out.append(width - detail::display_width(name(r)), ' ');
    out += fmt::format("  {:>6}  {:>6}  {:>7}  {:>10}  {:>5.1f}%\n", r.cues, r.turns, r.words,
                       fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60), share.of(r));
  }
  return out;
}

}  // namespace vttkit
