// Progress on standard error: the line of one large input, the bar of a batch.
#pragma once

#include <cstddef>
#include <string>

#include "messages.hpp"

namespace vtt {

/// How often a progress display is redrawn at most: five times a second.
inline constexpr double redraw_seconds = 0.2;

/// A progress line for one large input, shown as the status line of `out` (none when null):
/// percent, MB/s, time left. Cheap to call for every cue: it looks at the clock every few
/// thousand calls and redraws at most every `redraw_seconds`. Clears itself when destroyed.
class progress_line {
 public:
  progress_line(std::size_t total_bytes, messages* out);
  progress_line(const progress_line&) = delete;
  progress_line& operator=(const progress_line&) = delete;
  ~progress_line();
  void update(std::size_t bytes_done) {
    if (out_ && ++calls_ % 4096 == 0) draw(bytes_done);
  }

 private:
  void draw(std::size_t bytes_done);
  std::size_t total_;
  messages* out_;
  bool drawn_ = false;
  std::size_t calls_ = 0;
  double started_;
  double last_ = 0;
};

/// The bar of a batch after `seconds`, `done` of `count` files and `bytes` read:
/// `[#####           ] 12/40 files, 35 MB/s, 3 s left`.
[[nodiscard]] std::string batch_bar(std::size_t done, std::size_t count, std::size_t bytes, double seconds);

}  // namespace vtt
