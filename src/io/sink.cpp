// Sinks (vttkit/sink.hpp).
#include <vttkit/sink.hpp>

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace vttkit {

bool string_sink::write(std::string_view bytes) {
  out_.append(bytes);
  return true;
}

bool fd_sink::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      broken_pipe_ = errno == EPIPE;
      error_ = std::strerror(errno);
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace vttkit
