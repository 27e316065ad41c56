// The progress line (see progress.hpp).
#include "progress.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace vtt {

namespace {
double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

progress_line::progress_line(std::size_t total_bytes, bool enabled)
    : total_(total_bytes), enabled_(enabled && total_bytes > 0), started_(now_seconds()) {}

progress_line::~progress_line() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void progress_line::draw(std::size_t bytes_done) {
  const double t = now_seconds();
  if (t - last_ < 0.2) return;
  last_ = t;
  const double elapsed = t - started_;
  const double done = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_));
  const double rate = elapsed > 0 ? static_cast<double>(bytes_done) / 1e6 / elapsed : 0.0;
  const double left = done > 0 ? elapsed / done * (1 - done) : 0.0;
  std::fprintf(stderr, "\r%5.1f%%  %.0f MB/s  %.0f s left ", done * 100, rate, left);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace vtt
