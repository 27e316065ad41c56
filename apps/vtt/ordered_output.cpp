// Ordered output (see ordered_output.hpp).
#include "ordered_output.hpp"

namespace vtt {

ordered_output::ordered_output(std::size_t inputs, joining join, std::size_t cap, vttkit::byte_sink* out)
    : out_(out ? out : &sink_),
      held_(inputs),
      finished_(inputs, false),
      started_(inputs, false),
      cap_(cap),
      join_(join) {}

bool ordered_output::write(std::size_t index, std::string_view bytes) {
  std::unique_lock lock{mutex_};
  // Not the head and the held output full: wait for the head to come or the output to drain.
  moved_.wait(lock,
              [&] { return failed_ || index == head_ || held_bytes_ + bytes.size() <= cap_ || held_bytes_ == 0; });
  if (failed_) return false;
  if (index == head_) {
    emit(index, bytes);
  } else {
    held_[index].append(bytes);
    held_bytes_ += bytes.size();
  }
  return !failed_;
}

void ordered_output::done(std::size_t index) {
  {
    std::lock_guard lock{mutex_};
    finished_[index] = true;
    while (head_ < finished_.size() && finished_[head_]) {
      ++head_;
      if (head_ < held_.size()) {
        held_bytes_ -= held_[head_].size();
        emit(head_, held_[head_]);
        std::string().swap(held_[head_]);
      }
    }
  }
  moved_.notify_all();
}

bool ordered_output::finish() {
  std::lock_guard lock{mutex_};
  if (!failed_ && join_ == joining::json_array && !out_->write(any_ ? "]\n" : "[]\n")) failed_ = true;
  return !failed_;
}

void ordered_output::emit(std::size_t index, std::string_view bytes) {
  if (failed_ || bytes.empty()) return;
  if (join_ != joining::concatenate && !started_[index]) {
    started_[index] = true;
    const std::string_view before = join_ == joining::json_array ? (any_ ? ",\n" : "[\n") : (any_ ? "\n" : "");
    if (!out_->write(before)) failed_ = true;
    any_ = true;
  }
  if (!failed_ && !out_->write(bytes)) failed_ = true;
  if (failed_) moved_.notify_all();
}

bool ordered_sink::write(std::string_view bytes) {
  if (out_.write(index_, bytes)) return true;
  error_ = out_.error();
  return false;
}

}  // namespace vtt
