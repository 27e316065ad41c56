// The findings of one file on their way out (see finding_queue.hpp).
#include "lint/finding_queue.hpp"

#include <algorithm>

namespace vttkit::detail {
namespace {

/// Ordering of findings: line, column, then catalogue order.
bool before(const diagnostic& a, const diagnostic& b) noexcept {
  if (a.line != b.line) return a.line < b.line;
  if (a.column != b.column) return a.column < b.column;
  return a.rule < b.rule;
}

}  // namespace

void finding_queue::add(const diagnostic& d) {
  if (!enabled(d.rule)) return;
  slot(d.rule, d.line, d.column).message.assign(d.message);
  settle_last();
  bound();
}

void finding_queue::add_run(rule r, std::span<const std::size_t> lines, std::string_view message) {
  // The lines ascend, so one merge puts a batch of them in place.
  for (std::size_t i = 0; i < lines.size();) {
    const auto old = static_cast<std::ptrdiff_t>(held_);
    for (const std::size_t end = std::min(lines.size(), i + most_held); i < end; ++i)
      slot(r, lines[i], 1).message = message;
    std::inplace_merge(pending_.begin(), pending_.begin() + old, pending_.begin() + static_cast<std::ptrdiff_t>(held_),
                       before);
    bound();
  }
}

/// A fresh slot at the end of the pending findings, message cleared.
diagnostic& finding_queue::slot(rule r, std::size_t line, std::size_t column) {
  if (held_ == pending_.size()) pending_.emplace_back();
  auto& d = pending_[held_++];
  d.rule = r;
  d.line = line;
  d.column = column;
  d.message.clear();
  return d;
}

/// Moves the last slot back to its sorted place (findings mostly arrive in order, so this is
/// usually no move at all). Swaps keep each slot's string capacity.
void finding_queue::settle_last() noexcept {
  for (std::size_t i = held_ - 1; i > 0 && before(pending_[i], pending_[i - 1]); --i)
    std::swap(pending_[i], pending_[i - 1]);
}

void finding_queue::flush(std::size_t line) {
  std::size_t n = 0;
  while (n < held_ && pending_[n].line < line) {
    const auto& d = pending_[n++];
    ++(d.info().severity == severity::error ? errors_ : warnings_);
    if (out_) out_(d);
  }
  if (n == 0) return;
  if (n < held_)
    std::rotate(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n),
                pending_.begin() + static_cast<std::ptrdiff_t>(held_));
  held_ -= n;
  // After a long hold (T301) the slots would keep their memory to the end of the file; a few
  // dozen are all the steady state needs.
  if (held_ == 0 && pending_.size() > 1024) {
    pending_.resize(64);
    pending_.shrink_to_fit();
  }
}

}  // namespace vttkit::detail
