// A progress line for one large input.
#pragma once

#include <cstddef>

namespace vtt {

/// A progress line on standard error for one large input: percent, MB/s, time left. Cheap to
/// call for every cue: it looks at the clock every few thousand calls and redraws at most
/// five times a second. Clears itself when destroyed.
class progress_line {
 public:
  progress_line(std::size_t total_bytes, bool enabled);
  progress_line(const progress_line&) = delete;
  progress_line& operator=(const progress_line&) = delete;
  ~progress_line();
  void update(std::size_t bytes_done) {
    if (enabled_ && ++calls_ % 4096 == 0) draw(bytes_done);
  }

 private:
  void draw(std::size_t bytes_done);
  std::size_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::size_t calls_ = 0;
  double started_;
  double last_ = 0;
};

}  // namespace vtt
