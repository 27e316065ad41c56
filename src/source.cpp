// Byte sources: file descriptors, streams and memory.
#include <vttkit/source.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>

#include <unistd.h>

namespace vttkit {

std::ptrdiff_t fd_source::read(char* data, std::size_t size) {
  for (;;) {
    const auto n = ::read(fd_, data, size);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    error_ = std::strerror(errno);
    return -1;
  }
}

std::ptrdiff_t stream_source::read(char* data, std::size_t size) {
  in_.read(data, static_cast<std::streamsize>(size));
  const auto n = in_.gcount();
  if (in_.bad()) {
    error_ = "read error";
    return -1;
  }
  return static_cast<std::ptrdiff_t>(n);
}

std::ptrdiff_t memory_source::read(char* data, std::size_t size) {
  const auto n = std::min(size, bytes_.size());
  if (n > 0) std::memcpy(data, bytes_.data(), n);
  bytes_.remove_prefix(n);
  return static_cast<std::ptrdiff_t>(n);
}

}  // namespace vttkit
