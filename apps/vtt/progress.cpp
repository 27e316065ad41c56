// Progress (see progress.hpp).
#include "progress.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

namespace vtt {

namespace {
double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

progress_line::progress_line(std::size_t total_bytes, messages* out)
    : total_(total_bytes), out_(total_bytes > 0 ? out : nullptr), started_(now_seconds()) {}

progress_line::~progress_line() {
  if (drawn_) out_->clear_status();
}

void progress_line::draw(std::size_t bytes_done) {
  const double t = now_seconds();
  if (t - last_ < redraw_seconds) return;
  last_ = t;
  const double elapsed = t - started_;
  const double done = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_));
  const double rate = elapsed > 0 ? static_cast<double>(bytes_done) / 1e6 / elapsed : 0.0;
  const double left = done > 0 ? elapsed / done * (1 - done) : 0.0;
  out_->status(fmt::format("{:5.1f}%  {:.0f} MB/s  {:.0f} s left", done * 100, rate, left));
  drawn_ = true;
}

std::string batch_bar(std::size_t done, std::size_t count, std::size_t bytes, double seconds) {
  constexpr std::size_t width = 30;
  const auto filled = count ? width * std::min(done, count) / count : width;
  const double left = done ? seconds / static_cast<double>(done) * static_cast<double>(count - done) : 0.0;
  const double rate = seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0;
  const auto speed = rate >= 0.5 ? fmt::format("{:.0f} MB/s, ", rate) : std::string();
  return fmt::format("[{:<{}}] {}/{} files, {}{:.0f} s left", std::string(filled, '#'), width, done, count, speed,
                     left);
}

}  // namespace vtt
