// Sinks: where writers put their bytes (a string, a file descriptor, or your own).
#pragma once

#include <string>
#include <string_view>

namespace vttkit {

/// Where writers put their bytes. Errors are values: `write` returns false and `error()` says why.
class byte_sink {
 public:
  virtual ~byte_sink() = default;
  virtual bool write(std::string_view bytes) = 0;
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

 protected:
  std::string error_;
};

/// Appends to a std::string.
class string_sink final : public byte_sink {
 public:
  explicit string_sink(std::string& out) noexcept : out_(out) {}
  bool write(std::string_view bytes) override;

 private:
  std::string& out_;
};

/// Writes to a POSIX file descriptor (does not close it).
class fd_sink final : public byte_sink {
 public:
  explicit fd_sink(int fd) noexcept : fd_(fd) {}
  bool write(std::string_view bytes) override;
  /// True when the last failure was a closed pipe (EPIPE).
  [[nodiscard]] bool broken_pipe() const noexcept { return broken_pipe_; }

 private:
  int fd_;
  bool broken_pipe_ = false;
};

}  // namespace vttkit
