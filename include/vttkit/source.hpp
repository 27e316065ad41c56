// Byte sources: where a reader gets its input (a file descriptor, a std::istream, memory).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace vttkit {

/// A source of bytes read front to back. Errors are values: `read` returns -1 and `error()`
/// says why.
class byte_source {
 public:
  virtual ~byte_source() = default;
  /// Reads up to `size` bytes into `data`; returns how many, 0 at the end, -1 on error.
  virtual std::ptrdiff_t read(char* data, std::size_t size) = 0;
  /// What went wrong after `read` returned -1.
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

 protected:
  std::string error_;
};

/// Reads a POSIX file descriptor (a file, a pipe, standard input). Does not close it.
class fd_source final : public byte_source {
 public:
  explicit fd_source(int fd) noexcept : fd_(fd) {}
  std::ptrdiff_t read(char* data, std::size_t size) override;

 private:
  int fd_;
};

/// Reads a std::istream.
class stream_source final : public byte_source {
 public:
  explicit stream_source(std::istream& in) noexcept : in_(in) {}
  std::ptrdiff_t read(char* data, std::size_t size) override;

 private:
  std::istream& in_;
};

/// Reads bytes already in memory (not copied: they must outlive the source).
class memory_source final : public byte_source {
 public:
  explicit memory_source(std::string_view bytes) noexcept : bytes_(bytes) {}
  std::ptrdiff_t read(char* data, std::size_t size) override;

 private:
  std::string_view bytes_;
};

}  // namespace vttkit
