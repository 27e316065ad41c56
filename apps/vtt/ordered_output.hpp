// Ordered output: standard output shared by the workers of a batch, in input order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/sink.hpp>

namespace vtt {

/// Standard output shared by the workers of a batch. The input first in input order that is
/// not finished yet (the head) writes straight through; the others hold their output until
/// they become the head. So the output is the same for any -j. The held output has a cap:
/// a worker whose write would pass it waits until it is the head or the others' output has
/// gone out, so a slow first input does not make memory grow without bound. The head never
/// waits, so the batch always moves on. The output goes to standard output, or to `out` when
/// given (lint: a report writer that puts the findings of all files in one report).
class ordered_output {
 public:
  /// How the documents of several inputs are joined on the one stream.
  enum class joining {
    concatenate,  ///< one after the other, as written
    blank_line,   ///< one after the other, an empty line between two: no cue runs into the next document
    json_array,   ///< `[` doc `,` doc ... `]`: one valid JSON value for JSON documents
  };

  ordered_output(std::size_t inputs, joining join, std::size_t cap = default_cap, vttkit::byte_sink* out = nullptr);

  /// Appends a piece of input `index`'s output; false once standard output failed.
  bool write(std::size_t index, std::string_view bytes);
  /// Input `index` has no more output (call it however its run ended).
  void done(std::size_t index);
  /// Closes the stream (the JSON array); call after the workers. False on a write failure.
  bool finish();

  /// Whether standard output was closed by its reader (when written directly).
  [[nodiscard]] bool broken_pipe() const noexcept { return sink_.broken_pipe(); }
  [[nodiscard]] const std::string& error() const noexcept { return out_->error(); }
  /// Whether a write failed (nothing more is written then).
  [[nodiscard]] bool failed() noexcept {
    std::lock_guard lock{mutex_};
    return failed_;
  }

  static constexpr std::size_t default_cap = std::size_t{64} << 20;

 private:
  void emit(std::size_t index, std::string_view bytes);

  std::mutex mutex_;
  std::condition_variable moved_;  // the head advanced or held output went out
  vttkit::fd_sink sink_{1};
  vttkit::byte_sink* out_;  // sink_, or the one given
  std::vector<std::string> held_;
  std::vector<bool> finished_;
  std::vector<bool> started_;  // the input's first bytes went out (for the JSON separators)
  std::size_t head_ = 0;
  std::size_t held_bytes_ = 0;
  std::size_t cap_;
  joining join_;
  bool any_ = false;
  bool failed_ = false;
};

/// One input's view of an `ordered_output`, as the byte sink a writer takes.
class ordered_sink final : public vttkit::byte_sink {
 public:
  ordered_sink(ordered_output& out, std::size_t index) noexcept : out_(out), index_(index) {}
  bool write(std::string_view bytes) override;

 private:
  ordered_output& out_;
  std::size_t index_;
};

}  // namespace vtt
